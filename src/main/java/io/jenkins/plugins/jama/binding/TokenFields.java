package io.jenkins.plugins.jama.binding;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.util.FormValidation;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The fields the step, the freestyle wrapper and the binding share (the token and URL variables, the minimum
 * validity): their defaults, their rules and the form checks built on them.
 */
final class TokenFields {

    static final String DEFAULT_TOKEN_VARIABLE = "JAMA_TOKEN";
    static final String DEFAULT_URL_VARIABLE = "JAMA_URL";

    /**
     * Jama tokens live about an hour, so the default asks for a token with most of that life left; the cache mints a
     * fresh one when Jama's tokens live shorter.
     */
    static final int DEFAULT_MINIMUM_MINUTES = 50;

    /** A day: far beyond any Jama token, so a larger number can only be a typo (seconds instead of minutes). */
    static final int MAX_MINIMUM_MINUTES = 24 * 60;

    /** What every shell (and Windows batch) can expand without quoting tricks. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private TokenFields() {}

    /** The trimmed name, or {@code defaultName} when none was given. */
    static @NonNull String variableOrDefault(@CheckForNull String name, @NonNull String defaultName) {
        if (name == null || name.isBlank()) {
            return defaultName;
        }
        return name.trim();
    }

    /** Why {@code name} cannot be used as a variable name, or {@code null} when it can. */
    static @CheckForNull String variableNameProblem(@CheckForNull String name) {
        if (name == null || name.isBlank()) {
            return Messages.TokenFields_blank();
        }
        if (!NAME.matcher(name).matches()) {
            return Messages.TokenFields_invalid(name);
        }
        return null;
    }

    /** The trimmed name, or {@code null} when none was given: for a variable that is bound only when named. */
    static @CheckForNull String optionalVariable(@CheckForNull String name) {
        return name == null || name.isBlank() ? null : name.trim();
    }

    /**
     * Why the names cannot be used together, or {@code null} when they can.
     *
     * @param tokenFileVariable {@code null} when the block has no token file
     */
    static @CheckForNull String variablesProblem(
            @CheckForNull String tokenVariable,
            @CheckForNull String urlVariable,
            @CheckForNull String tokenFileVariable) {
        String problem = variablesProblem(tokenVariable, urlVariable);
        if (problem != null || tokenFileVariable == null) {
            return problem;
        }
        String fileProblem = variableNameProblem(tokenFileVariable);
        if (fileProblem != null) {
            return fileProblem;
        }
        if (tokenFileVariable.equals(tokenVariable) || tokenFileVariable.equals(urlVariable)) {
            return Messages.TokenFields_sameFile(tokenFileVariable);
        }
        return null;
    }

    /** Why the two names cannot be used together, or {@code null} when they can. */
    static @CheckForNull String variablesProblem(@CheckForNull String tokenVariable, @CheckForNull String urlVariable) {
        String tokenProblem = variableNameProblem(tokenVariable);
        if (tokenProblem != null) {
            return tokenProblem;
        }
        String urlProblem = variableNameProblem(urlVariable);
        if (urlProblem != null) {
            return urlProblem;
        }
        if (tokenVariable.equals(urlVariable)) {
            return Messages.TokenFields_same(tokenVariable);
        }
        return null;
    }

    /** The minutes set, or the default when none were (a blank form field, or a Pipeline that left it out). */
    static int minimumOrDefault(@CheckForNull Integer minutes) {
        return minutes == null ? DEFAULT_MINIMUM_MINUTES : minutes;
    }

    /** Why {@code minutes} cannot be used as the minimum validity, or {@code null} when it can. */
    static @CheckForNull String minimumProblem(int minutes) {
        if (minutes < 1 || minutes > MAX_MINIMUM_MINUTES) {
            return Messages.TokenFields_minimumOutOfRange(String.valueOf(minutes), String.valueOf(MAX_MINIMUM_MINUTES));
        }
        return null;
    }

    /** Like {@link #minimumProblem(int)} for text typed into a form, where blank means the default. */
    static @CheckForNull String minimumProblem(@CheckForNull String minutes) {
        if (minutes == null || minutes.isBlank()) {
            return null;
        }
        try {
            return minimumProblem(Integer.parseInt(minutes.trim()));
        } catch (NumberFormatException e) {
            return Messages.TokenFields_minimumNotANumber(minutes.trim());
        }
    }

    static @NonNull Duration toDuration(int minutes) {
        return Duration.ofMinutes(minutes);
    }

    static @NonNull FormValidation checkVariable(@CheckForNull String value) {
        if (value == null || value.isBlank()) {
            return FormValidation.ok(); // the default applies
        }
        return toValidation(variableNameProblem(value.trim()));
    }

    static @NonNull FormValidation checkMinimum(@CheckForNull String value) {
        return toValidation(minimumProblem(value));
    }

    private static FormValidation toValidation(@CheckForNull String problem) {
        return problem == null ? FormValidation.ok() : FormValidation.error(problem);
    }
}
