package io.jenkins.plugins.jama.client;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.time.Duration;
import java.time.Instant;

/** A Jama bearer token and when it stops working. {@link #toString()} hides the value. */
public final class AccessToken {

    private final String value;
    private final Instant expiresAt;

    public AccessToken(@NonNull String value, @NonNull Instant expiresAt) {
        this.value = value;
        this.expiresAt = expiresAt;
    }

    /** The bearer token itself: only for an {@code Authorization} header or a masked build variable. */
    public @NonNull String value() {
        return value;
    }

    public @NonNull Instant expiresAt() {
        return expiresAt;
    }

    public @NonNull Duration remainingAt(@NonNull Instant now) {
        Duration remaining = Duration.between(now, expiresAt);
        return remaining.isNegative() ? Duration.ZERO : remaining;
    }

    @Override
    public String toString() {
        return "AccessToken[****, expires " + expiresAt + "]";
    }
}
