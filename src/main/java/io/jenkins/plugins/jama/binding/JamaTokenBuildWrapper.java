package io.jenkins.plugins.jama.binding;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractBuild;
import hudson.model.AbstractProject;
import hudson.model.BuildListener;
import hudson.tasks.BuildWrapper;
import hudson.tasks.BuildWrapperDescriptor;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Freestyle "Bind a Jama Connect bearer token": the same variables, lookup, masking, renewal and messages as the
 * step and the binding, through {@link TokenBlock}; every build step gets the block's current token.
 *
 * <p>A plain {@link BuildWrapper}, not a {@code SimpleBuildWrapper}, as credentials-binding's {@code
 * SecretBuildWrapper} is: a {@code SimpleBuildWrapper} would also be a Pipeline step through {@code wrap}, where the
 * token would be stored unencrypted and not declared sensitive. Pipeline has {@code withJamaToken} instead.
 */
public final class JamaTokenBuildWrapper extends BuildWrapper {

    private final String credentialsId;
    private String variable = BlockOptions.DEFAULT_TOKEN_VARIABLE;
    private String urlVariable = BlockOptions.DEFAULT_URL_VARIABLE;

    @CheckForNull
    private Integer minimumValidityMinutes;

    // lgtm[jenkins/plaintext-storage] the name of an environment variable, not a token
    @CheckForNull
    private String tokenFileVariable;

    @DataBoundConstructor
    public JamaTokenBuildWrapper(@CheckForNull String credentialsId) {
        this.credentialsId = credentialsId == null ? "" : credentialsId.trim();
    }

    public @NonNull String getCredentialsId() {
        return credentialsId;
    }

    public @NonNull String getVariable() {
        return variable;
    }

    @DataBoundSetter
    public void setVariable(@CheckForNull String variable) {
        this.variable = BlockOptions.nameOrDefault(variable, BlockOptions.DEFAULT_TOKEN_VARIABLE);
    }

    public @NonNull String getUrlVariable() {
        return urlVariable;
    }

    @DataBoundSetter
    public void setUrlVariable(@CheckForNull String urlVariable) {
        this.urlVariable = BlockOptions.nameOrDefault(urlVariable, BlockOptions.DEFAULT_URL_VARIABLE);
    }

    /** {@code null} when not set: the {@link BlockOptions#DEFAULT_MINIMUM_MINUTES default} applies. */
    public @CheckForNull Integer getMinimumValidityMinutes() {
        return minimumValidityMinutes;
    }

    @DataBoundSetter
    public void setMinimumValidityMinutes(@CheckForNull Integer minimumValidityMinutes) {
        this.minimumValidityMinutes = minimumValidityMinutes;
    }

    /** {@code null} when not set: the build gets no token file. */
    public @CheckForNull String getTokenFileVariable() {
        return tokenFileVariable;
    }

    @DataBoundSetter
    public void setTokenFileVariable(@CheckForNull String tokenFileVariable) {
        this.tokenFileVariable = BlockOptions.optionalName(tokenFileVariable);
    }

    /** Old job configurations may lack fields added later. */
    private Object readResolve() {
        variable = BlockOptions.nameOrDefault(variable, BlockOptions.DEFAULT_TOKEN_VARIABLE);
        urlVariable = BlockOptions.nameOrDefault(urlVariable, BlockOptions.DEFAULT_URL_VARIABLE);
        return this;
    }

    @SuppressWarnings("rawtypes") // inherited
    @Override
    public Environment setUp(AbstractBuild build, Launcher launcher, BuildListener listener)
            throws IOException, InterruptedException {
        int minutes = BlockOptions.minimumOrDefault(minimumValidityMinutes);
        BlockOptions.check(variable, urlVariable, tokenFileVariable, minutes);
        FilePath workspace = build.getWorkspace();
        if (tokenFileVariable != null && workspace == null) {
            throw new AbortException(Messages.JamaTokenBuildWrapper_tokenFileNeedsWorkspace(tokenFileVariable));
        }
        TokenBlock block = TokenBlock.open(
                build,
                listener,
                credentialsId,
                Duration.ofMinutes(minutes),
                "jamaTokenWrapper",
                tokenFileVariable == null ? null : workspace,
                true);
        return new Environment() {
            /** Asked again for every build step, which so gets the token renewed last. */
            @Override
            public void buildEnvVars(Map<String, String> env) {
                // Freestyle expands $ in these values twice before a build step sees them (SECURITY-698), so each $
                // becomes four, as credentials-binding's SecretBuildWrapper does: the token must arrive as issued.
                env.put(variable, block.token().replace("$", "$$$$"));
                block.publicVariables(urlVariable, tokenFileVariable)
                        .forEach((name, value) -> env.put(name, value.replace("$", "$$$$")));
            }

            /** The wrapper's block is the build. */
            @SuppressWarnings("rawtypes") // inherited
            @Override
            public boolean tearDown(AbstractBuild ended, BuildListener endedListener)
                    throws IOException, InterruptedException {
                block.close();
                return true;
            }
        };
    }

    @SuppressWarnings("rawtypes") // inherited
    @Override
    public void makeSensitiveBuildVariables(AbstractBuild build, Set<String> sensitiveVariables) {
        sensitiveVariables.add(variable);
    }

    @Symbol("jamaTokenWrapper")
    @Extension
    public static final class DescriptorImpl extends BuildWrapperDescriptor implements BlockOptions.Checks {

        public DescriptorImpl() {
            for (String field : WithJamaTokenStep.FIELDS_WITH_HELP) {
                addHelpFileRedirect(field, WithJamaTokenStep.class, field);
            }
        }

        @Override
        public boolean isApplicable(AbstractProject<?, ?> item) {
            return true;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.JamaTokenBuildWrapper_displayName();
        }
    }
}
