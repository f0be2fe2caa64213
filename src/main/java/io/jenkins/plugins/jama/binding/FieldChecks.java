package io.jenkins.plugins.jama.binding;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.util.FormValidation;

/** Form checks of the fields that are not credentials; they only look at the text typed in. */
final class FieldChecks {

    private FieldChecks() {}

    static @NonNull FormValidation variable(@CheckForNull String value) {
        if (value == null || value.isBlank()) {
            return FormValidation.ok(); // the default applies
        }
        return toValidation(TokenVariables.nameProblem(value.trim()));
    }

    static @NonNull FormValidation minimumValidity(@CheckForNull String value) {
        return toValidation(MinimumValidity.problem(value));
    }

    private static FormValidation toValidation(@CheckForNull String problem) {
        return problem == null ? FormValidation.ok() : FormValidation.error(problem);
    }
}
