package io.jenkins.plugins.jama.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The time one exchange with Jama may take, shared by every call and retry in it, so that two calls in a row
 * (a token, then the current user) take no longer together than one may. Kept as durations, never as a far
 * instant, so no arithmetic on it can overflow.
 */
final class Deadline {

    private final Clock clock;
    private final Instant start;
    private final Duration limit;

    private Deadline(Clock clock, Duration limit) {
        this.clock = clock;
        this.start = clock.instant();
        this.limit = limit;
    }

    static Deadline start(Clock clock, Duration limit) {
        return new Deadline(clock, limit);
    }

    /** Negative once it has passed. */
    Duration left() {
        return limit.minus(Duration.between(start, clock.instant()));
    }

    Duration limit() {
        return limit;
    }

    /** How messages state a time: whole seconds, rounded up, and never 0, which would read as no wait at all. */
    static long wholeSeconds(Duration duration) {
        return Math.max(1, duration.getSeconds() + (duration.getNano() > 0 ? 1 : 0));
    }
}
