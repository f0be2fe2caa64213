package io.jenkins.plugins.jama.client;

import java.time.Duration;

/**
 * A token in the {@link TokenCache} with when its mint started, which gives its full lifetime.
 *
 * <p>"Fresh enough" for a caller asking for {@code minRemaining}: the token has that much validity left, or, when
 * Jama's tokens live shorter than that, it is still in the first tenth of its life. No new token could do better
 * than its full lifetime, so minting again would gain less than a tenth; meanwhile a second caller soon after the
 * first gets the same fresh token instead of a new mint.
 */
final class CachedToken {

    private final AccessToken token;
    private final long expiresAtMillis;
    private final long lifetimeMillis;
    private final long freshFloorMillis;

    /** Set once a caller saw Jama reject it, so a caller that waited for its mint does not get it. */
    private volatile boolean invalidated;

    CachedToken(AccessToken token, long mintStartedAtMillis) {
        this.token = token;
        this.expiresAtMillis = token.expiresAt().toEpochMilli();
        this.lifetimeMillis = Math.max(0, expiresAtMillis - mintStartedAtMillis);
        this.freshFloorMillis = lifetimeMillis - lifetimeMillis / 10;
    }

    /** A lease of this token for a caller that asked for {@code minRemainingMillis}. */
    TokenLease lease(boolean reused, JamaException refreshFailure, long minRemainingMillis) {
        Duration shortLifetime = lifetimeMillis < minRemainingMillis ? Duration.ofMillis(lifetimeMillis) : null;
        return new TokenLease(token, reused, refreshFailure, shortLifetime);
    }

    AccessToken token() {
        return token;
    }

    boolean isFreshEnough(long nowMillis, long minRemainingMillis) {
        long remaining = expiresAtMillis - nowMillis;
        return remaining > 0 && remaining >= Math.min(minRemainingMillis, freshFloorMillis);
    }

    void invalidate() {
        invalidated = true;
    }

    boolean isInvalidated() {
        return invalidated;
    }

    boolean isValid(long nowMillis) {
        return expiresAtMillis > nowMillis;
    }

    long expiresAtMillis() {
        return expiresAtMillis;
    }
}
