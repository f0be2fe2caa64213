package io.jenkins.plugins.jama.client;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.IOException;

/**
 * Why talking to Jama failed, in words that tell the user what to fix. The message names the address that was
 * tried and never contains a client secret or a token.
 */
public final class JamaException extends IOException {

    private static final long serialVersionUID = 1L;

    /** What went wrong; decides the message and whether trying again may help. */
    public enum Reason {
        BAD_URL(false),
        INVALID_CLIENT(false),
        NOT_PERMITTED(false),
        NO_TOKEN_ENDPOINT(false),
        NOT_JAMA(false),
        REDIRECTED(false),
        RATE_LIMITED(true),
        SERVER_ERROR(true),
        TIMEOUT(true),
        TLS_FAILURE(false),
        UNKNOWN_HOST(false),
        CONNECTION_REFUSED(true),
        NETWORK(true),
        MALFORMED_RESPONSE(false);

        private final boolean retryable;

        Reason(boolean retryable) {
            this.retryable = retryable;
        }

        public boolean isRetryable() {
            return retryable;
        }
    }

    private final Reason reason;

    public JamaException(@NonNull Reason reason, @NonNull String message) {
        this(reason, message, null);
    }

    /** @param cause kept for the controller log only when it cannot carry a secret */
    public JamaException(@NonNull Reason reason, @NonNull String message, @CheckForNull Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public @NonNull Reason getReason() {
        return reason;
    }

    public boolean isRetryable() {
        return reason.isRetryable();
    }
}
