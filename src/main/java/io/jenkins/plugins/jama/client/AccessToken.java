package io.jenkins.plugins.jama.client;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.time.Duration;
import java.time.Instant;

/**
 * A Jama bearer token and when it stops working. {@link #toString()} hides the value.
 *
 * @param value the bearer token itself: only for an {@code Authorization} header or a masked build variable
 */
public record AccessToken(@NonNull String value, @NonNull Instant expiresAt) {

    public @NonNull Duration remainingAt(@NonNull Instant now) {
        Duration remaining = Duration.between(now, expiresAt);
        return remaining.isNegative() ? Duration.ZERO : remaining;
    }

    @Override
    public String toString() {
        return "AccessToken[****, expires " + expiresAt + "]";
    }
}
