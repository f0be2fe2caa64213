package io.jenkins.plugins.jama.binding;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.model.Item;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.jama.credentials.JamaApiClientCredentials;
import java.util.List;
import java.util.regex.Pattern;
import jenkins.model.Jenkins;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The options the step, the binding and the freestyle wrapper share: the credential, the names of the token, URL and
 * token file variables, and the minimum validity. Their defaults, their rules, and the form checks built on them.
 */
final class BlockOptions {

    static final String DEFAULT_TOKEN_VARIABLE = "JAMA_TOKEN";
    static final String DEFAULT_URL_VARIABLE = "JAMA_URL";

    /** Jama tokens live about an hour: by default a block starts with most of that left. */
    static final int DEFAULT_MINIMUM_MINUTES = 50;

    /** A day: far beyond any Jama token, so a larger number can only be a typo (seconds instead of minutes). */
    static final int MAX_MINIMUM_MINUTES = 24 * 60;

    /** What every shell (and Windows batch) can expand without quoting tricks. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private BlockOptions() {}

    /** The trimmed name, or {@code defaultName} when none was given. */
    static @NonNull String nameOrDefault(@CheckForNull String name, @NonNull String defaultName) {
        return name == null || name.isBlank() ? defaultName : name.trim();
    }

    /** The trimmed name, or {@code null} when none was given: for a variable that is bound only when named. */
    static @CheckForNull String optionalName(@CheckForNull String name) {
        return name == null || name.isBlank() ? null : name.trim();
    }

    /**
     * What makes the names and minutes unusable for a block, saying what to fix; {@code null} when they can be used.
     *
     * @param tokenFileVariable {@code null} when the block has no token file
     */
    static @CheckForNull String problem(
            @NonNull String tokenVariable,
            @NonNull String urlVariable,
            @CheckForNull String tokenFileVariable,
            int minimumMinutes) {
        String problem = nameProblem(tokenVariable);
        if (problem == null) {
            problem = nameProblem(urlVariable);
        }
        if (problem == null && tokenVariable.equals(urlVariable)) {
            problem = Messages.BlockOptions_same(tokenVariable);
        }
        if (problem == null && tokenFileVariable != null) {
            problem = nameProblem(tokenFileVariable);
            if (problem == null && (tokenFileVariable.equals(tokenVariable) || tokenFileVariable.equals(urlVariable))) {
                problem = Messages.BlockOptions_sameFile(tokenFileVariable);
            }
        }
        return problem == null ? minimumProblem(minimumMinutes) : problem;
    }

    /** Refuses, before anything is bound, what {@link #problem} finds. */
    static void check(
            @NonNull String tokenVariable,
            @NonNull String urlVariable,
            @CheckForNull String tokenFileVariable,
            int minimumMinutes)
            throws AbortException {
        String problem = problem(tokenVariable, urlVariable, tokenFileVariable, minimumMinutes);
        if (problem != null) {
            throw new AbortException(problem);
        }
    }

    /** The minutes set, or the default when none were (a blank form field, or a Pipeline that left it out). */
    static int minimumOrDefault(@CheckForNull Integer minutes) {
        return minutes == null ? DEFAULT_MINIMUM_MINUTES : minutes;
    }

    static @CheckForNull String nameProblem(@NonNull String name) {
        if (name.isBlank()) {
            return Messages.BlockOptions_blank();
        }
        return NAME.matcher(name).matches() ? null : Messages.BlockOptions_invalid(name);
    }

    private static @CheckForNull String minimumProblem(int minutes) {
        return minutes < 1 || minutes > MAX_MINIMUM_MINUTES
                ? Messages.BlockOptions_minimumOutOfRange(String.valueOf(minutes), String.valueOf(MAX_MINIMUM_MINUTES))
                : null;
    }

    // ---- form checks

    /** Blank is fine: the default applies, or, for the token file, there is none. */
    static @NonNull FormValidation checkName(@CheckForNull String value) {
        return value == null || value.isBlank() ? FormValidation.ok() : toValidation(nameProblem(value.trim()));
    }

    /** What is wrong with minutes typed into a form, where blank means the default. */
    static @CheckForNull String minimumProblem(@CheckForNull String minutes) {
        if (minutes == null || minutes.isBlank()) {
            return null;
        }
        try {
            return minimumProblem(Integer.parseInt(minutes.trim()));
        } catch (NumberFormatException e) {
            return Messages.BlockOptions_minimumNotANumber(minutes.trim());
        }
    }

    private static boolean mayListCredentials(@CheckForNull Item item) {
        return item == null
                ? Jenkins.get().hasPermission(Jenkins.ADMINISTER)
                : item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
    }

    private static FormValidation toValidation(@CheckForNull String problem) {
        return problem == null ? FormValidation.ok() : FormValidation.error(problem);
    }

    /** The checks of the variable names, which every describable with these options has. */
    @Restricted(NoExternalUse.class)
    public interface VariableChecks {

        // lgtm[jenkins/no-permission-check] a syntax check only: no side effect, nothing looked up or revealed
        @POST
        default FormValidation doCheckVariable(@QueryParameter String value) {
            return checkName(value);
        }

        // lgtm[jenkins/no-permission-check] a syntax check only: no side effect, nothing looked up or revealed
        @POST
        default FormValidation doCheckUrlVariable(@QueryParameter String value) {
            return checkName(value);
        }

        // lgtm[jenkins/no-permission-check] a syntax check only: no side effect, nothing looked up or revealed
        @POST
        default FormValidation doCheckTokenFileVariable(@QueryParameter String value) {
            return checkName(value);
        }
    }

    /**
     * The form checks of a descriptor whose describable has all these options, credential and minutes included;
     * Stapler finds them on the interface.
     */
    @Restricted(NoExternalUse.class)
    public interface Checks extends VariableChecks {

        /**
         * The credentials drop-down, as the credentials plugin's consumer guide asks: only users who may configure the
         * job (or administer Jenkins, outside a job) see the list, and it holds only Jama API clients. Listed as
         * SYSTEM, like credentials-binding: the build, not the configuring user, will use the credential.
         */
        @POST
        default ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            String current = credentialsId == null ? "" : credentialsId;
            StandardListBoxModel result = new StandardListBoxModel();
            if (!mayListCredentials(item)) {
                return result.includeCurrentValue(current);
            }
            return result.includeEmptyValue()
                    .includeMatchingAs(
                            ACL.SYSTEM2, item, JamaApiClientCredentials.class, List.of(), CredentialsMatchers.always())
                    .includeCurrentValue(current);
        }

        @POST
        default FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
            if (!mayListCredentials(item)) {
                return FormValidation.ok();
            }
            if (value == null || value.isBlank()) {
                return FormValidation.error(Messages.BlockOptions_credentialsRequired());
            }
            if (value.startsWith("${") && value.endsWith("}")) {
                return FormValidation.warning(Messages.BlockOptions_credentialsExpression());
            }
            if (CredentialsProvider.listCredentialsInItem(
                            JamaApiClientCredentials.class,
                            item,
                            ACL.SYSTEM2,
                            List.of(),
                            CredentialsMatchers.withId(value.trim()))
                    .isEmpty()) {
                return FormValidation.error(Messages.BlockOptions_credentialsNotFound(value.trim()));
            }
            return FormValidation.ok();
        }

        // lgtm[jenkins/no-permission-check] a syntax check only: no side effect, nothing looked up or revealed
        @POST
        default FormValidation doCheckMinimumValidityMinutes(@QueryParameter String value) {
            return toValidation(minimumProblem(value));
        }
    }
}
