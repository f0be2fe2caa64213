package io.jenkins.plugins.jama.binding;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.regex.Pattern;

/** The environment variables a token and its site address are bound to, and the rules their names follow. */
public final class TokenVariables {

    public static final String DEFAULT_TOKEN_VARIABLE = "JAMA_TOKEN";
    public static final String DEFAULT_URL_VARIABLE = "JAMA_URL";

    /** What every shell (and Windows batch) can expand without quoting tricks. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private TokenVariables() {}

    /** The trimmed name, or {@code defaultName} when none was given. */
    public static @NonNull String orDefault(@CheckForNull String name, @NonNull String defaultName) {
        if (name == null || name.isBlank()) {
            return defaultName;
        }
        return name.trim();
    }

    /** Why {@code name} cannot be used as a variable name, or {@code null} when it can. */
    public static @CheckForNull String nameProblem(@CheckForNull String name) {
        if (name == null || name.isBlank()) {
            return Messages.TokenVariables_blank();
        }
        if (!NAME.matcher(name).matches()) {
            return Messages.TokenVariables_invalid(name);
        }
        return null;
    }

    /** Why the two names cannot be used together, or {@code null} when they can. */
    public static @CheckForNull String problem(@CheckForNull String tokenVariable, @CheckForNull String urlVariable) {
        String tokenProblem = nameProblem(tokenVariable);
        if (tokenProblem != null) {
            return tokenProblem;
        }
        String urlProblem = nameProblem(urlVariable);
        if (urlProblem != null) {
            return urlProblem;
        }
        if (tokenVariable.equals(urlVariable)) {
            return Messages.TokenVariables_same(tokenVariable);
        }
        return null;
    }
}
