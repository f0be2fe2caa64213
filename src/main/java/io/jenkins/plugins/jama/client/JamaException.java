package io.jenkins.plugins.jama.client;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.IOException;
import java.time.Duration;

/**
 * Why talking to Jama failed, in words that tell the user what to fix. The message names the address that was
 * tried and never contains a client secret or a token.
 */
public final class JamaException extends IOException {

    private static final long serialVersionUID = 1L;

    /** What went wrong; decides the message and whether trying again may help. */
    public enum Reason {
        BAD_URL,
        /** The client ID cannot be sent at all (blank, or a character HTTP Basic cannot carry); nothing was sent. */
        BAD_CLIENT_ID,
        /** The token endpoint rejected the client ID or secret (HTTP 401). */
        INVALID_CLIENT,
        /** The token endpoint refused the request itself (HTTP 400), such as a grant this server does not support. */
        TOKEN_REQUEST_REFUSED,
        NOT_PERMITTED,
        NO_TOKEN_ENDPOINT,
        NOT_JAMA,
        REDIRECTED,
        RATE_LIMITED,
        SERVER_ERROR,
        TIMEOUT,
        TLS_FAILURE,
        /** The credential's trusted CA certificates cannot be read or used. */
        BAD_CERTIFICATES,
        /** The HTTP proxy refused the request (HTTP 407): wrong proxy credentials, or a scheme Java will not send. */
        PROXY_REFUSED,
        UNKNOWN_HOST,
        CONNECTION_REFUSED,
        NETWORK,
        MALFORMED_RESPONSE,
        /** Jama issued a token whose lifetime had ended by the time its answer arrived. */
        EXPIRED_ON_ARRIVAL,
        /** A REST call refused the bearer token (HTTP 401): expired, revoked, or a licence without API access. */
        TOKEN_REJECTED;

        /** Whether trying again soon may help: Jama, or the way to it, may have recovered by then. */
        public boolean isRetryable() {
            return switch (this) {
                case RATE_LIMITED, SERVER_ERROR, TIMEOUT, CONNECTION_REFUSED, NETWORK -> true;
                default -> false;
            };
        }
    }

    private final Reason reason;

    /** How long Jama asked us to wait ({@code Retry-After}), when it did. */
    @CheckForNull
    private final Duration retryAfter;

    public JamaException(@NonNull Reason reason, @NonNull String message) {
        this(reason, message, null);
    }

    /** @param cause kept for the controller log only when it cannot carry a secret */
    public JamaException(@NonNull Reason reason, @NonNull String message, @CheckForNull Throwable cause) {
        this(reason, message, cause, null);
    }

    JamaException(Reason reason, String message, Throwable cause, Duration retryAfter) {
        super(message, cause);
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public @NonNull Reason getReason() {
        return reason;
    }

    /** How long Jama asked to wait before trying again ({@code Retry-After}), or {@code null}. */
    public @CheckForNull Duration getRetryAfter() {
        return retryAfter;
    }
}
