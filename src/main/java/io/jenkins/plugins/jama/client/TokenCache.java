package io.jenkins.plugins.jama.client;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.time.Duration;

/**
 * Tokens shared by every build on the controller, keyed by site, client ID and a hash of the client secret.
 * Concurrent requests for the same key wait for a single mint.
 */
public final class TokenCache {

    private static final TokenCache SHARED = new TokenCache();

    public static @NonNull TokenCache shared() {
        return SHARED;
    }

    /**
     * A token with at least {@code minRemaining} validity left, or a freshly minted one when Jama's tokens live
     * shorter than that.
     */
    public @NonNull TokenLease get(
            @NonNull ClientCredentials credentials, @NonNull Duration minRemaining, @NonNull TokenSource source)
            throws JamaException, InterruptedException {
        throw new UnsupportedOperationException("TODO issue 3");
    }

    /** Forgets {@code token} if it is still the cached one, for a caller that saw Jama reject it. */
    public void invalidate(@NonNull ClientCredentials credentials, @NonNull AccessToken token) {
        throw new UnsupportedOperationException("TODO issue 3");
    }
}
