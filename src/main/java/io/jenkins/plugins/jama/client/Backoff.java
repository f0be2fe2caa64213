package io.jenkins.plugins.jama.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: before retry n the wait is {@code initial * 2^(n-1)}, capped, then scaled by a
 * random factor in [0.5, 1] so that builds failing together do not retry together. A {@code Retry-After} from Jama
 * is a lower bound.
 */
final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;

    Backoff(Duration initial, Duration max, DoubleSupplier random) {
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    static Backoff of(ClientOptions options) {
        return new Backoff(
                options.initialBackoff(),
                options.maxBackoff(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    /** @param retry 1 for the first retry */
    Duration delay(int retry, Duration retryAfter) {
        long capped = Math.min(max.toMillis(), initial.toMillis() << Math.min(retry - 1, 30));
        long jittered = (long) (capped * (0.5 + 0.5 * random.getAsDouble()));
        Duration computed = Duration.ofMillis(jittered);
        return retryAfter != null && retryAfter.compareTo(computed) > 0 ? retryAfter : computed;
    }
}
