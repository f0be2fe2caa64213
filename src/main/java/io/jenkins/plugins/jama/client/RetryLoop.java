package io.jenkins.plugins.jama.client;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs attempts until one succeeds, a failure is not worth retrying, the attempts are used up, or the next wait
 * would end after the deadline. The last failure is what the caller sees.
 */
final class RetryLoop {

    private static final Logger LOGGER = Logger.getLogger(RetryLoop.class.getName());

    /** One try, given the time it may take. */
    @FunctionalInterface
    interface Attempt<T> {
        T run(Duration timeout) throws JamaException, InterruptedException;
    }

    private final ClientOptions options;
    private final Backoff backoff;
    private final Clock clock;
    private final Sleeper sleeper;

    RetryLoop(ClientOptions options, Backoff backoff, Clock clock, Sleeper sleeper) {
        this.options = options;
        this.backoff = backoff;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    <T> T run(URI uri, Attempt<T> attempt) throws JamaException, InterruptedException {
        Instant deadline = clock.instant().plus(options.deadline());
        for (int number = 1; ; number++) {
            Duration left = Duration.between(clock.instant(), deadline);
            Duration timeout = left.compareTo(options.requestTimeout()) < 0 ? left : options.requestTimeout();
            if (timeout.toMillis() < 1) {
                timeout = Duration.ofMillis(1);
            }
            try {
                return attempt.run(timeout);
            } catch (JamaException e) {
                if (!e.isRetryable() || number >= options.maxAttempts()) {
                    throw e;
                }
                Duration wait = backoff.delay(number, e.getRetryAfter());
                if (!clock.instant().plus(wait).isBefore(deadline)) {
                    throw e;
                }
                LOGGER.log(Level.FINE, "Retrying {0} in {1} ms after {2}", new Object[] {
                    uri, wait.toMillis(), e.getReason()
                });
                sleeper.sleep(wait);
            }
        }
    }
}
