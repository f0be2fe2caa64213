package io.jenkins.plugins.jama.binding;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.util.Secret;
import java.util.regex.Pattern;
import org.jenkinsci.plugins.workflow.steps.FailureHandler;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/** Masks the token in failures of the block's body (SECURITY-3499), which the log filter does not see. */
final class TokenFailureHandler implements FailureHandler {

    private static final long serialVersionUID = 1L;

    private final Secret pattern;

    TokenFailureHandler(@NonNull Secret pattern) {
        this.pattern = pattern;
    }

    @NonNull
    @Override
    public Throwable handle(@NonNull StepContext context, @NonNull Throwable failure) {
        Pattern secrets = TokenMasks.compile(pattern);
        if (failure instanceof AbortException
                && failure.getCause() == null
                && failure.getSuppressed().length == 0
                && MaskedFailure.reveals(failure, secrets)) {
            // Keeps "error 'message'" and other AbortExceptions printed as one line without a stack trace.
            AbortException masked = new AbortException(MaskedFailure.maskedMessage(failure, secrets));
            masked.setStackTrace(failure.getStackTrace());
            return masked;
        }
        return MaskedFailure.mask(failure, secrets);
    }
}
