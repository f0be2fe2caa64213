package io.jenkins.plugins.jama.client;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
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

    /** A deadline of {@link ClientOptions#deadline()} from now, to share between several {@link #run} calls. */
    Deadline newDeadline() {
        return Deadline.start(clock, options.deadline());
    }

    <T> T run(URI uri, Attempt<T> attempt) throws JamaException, InterruptedException {
        return run(uri, newDeadline(), attempt);
    }

    /**
     * @param deadline may be shared with calls made before this one: when they used it up, nothing is sent
     */
    <T> T run(URI uri, Deadline deadline, Attempt<T> attempt) throws JamaException, InterruptedException {
        // Durations, not instants: the deadline and a wait from the server are compared without adding either to a
        // clock reading, so no value can overflow.
        Instant start = clock.instant();
        for (int number = 1; ; number++) {
            Duration left = deadline.left();
            if (number == 1 && left.toMillis() < 1) {
                throw new JamaException(
                        JamaException.Reason.TIMEOUT,
                        Messages.JamaException_deadlineUsedUp(uri, Deadline.wholeSeconds(deadline.limit())),
                        uri,
                        null);
            }
            Duration timeout = left.compareTo(options.requestTimeout()) < 0 ? left : options.requestTimeout();
            if (timeout.toMillis() < 1) {
                timeout = Duration.ofMillis(1);
            }
            try {
                return attemptOnce(uri, attempt, timeout);
            } catch (JamaException e) {
                if (!e.isRetryable() || number >= options.maxAttempts()) {
                    throw finalFailure(e, uri, start, number);
                }
                Duration wait = backoff.delay(number, e.getRetryAfter());
                if (wait.compareTo(deadline.left()) >= 0) {
                    throw finalFailure(e, uri, start, number);
                }
                LOGGER.log(Level.FINE, "Retrying {0} in {1} ms after {2}", new Object[] {
                    uri, wait.toMillis(), e.getReason()
                });
                sleeper.sleep(wait);
            }
        }
    }

    /** A time-out names the time waited in all and the attempts, not the time-out of the last attempt alone. */
    private JamaException finalFailure(JamaException e, URI uri, Instant start, int attempts) {
        if (!HttpCaller.isTimeout(e)) {
            return e;
        }
        return HttpCaller.timedOut(uri, Duration.between(start, clock.instant()), attempts, e.getCause());
    }

    /**
     * One attempt, where anything but a {@link JamaException} is a bug or an answer nobody foresaw: it becomes a
     * {@link JamaException} too, so callers see the same kind of failure whatever Jama sends. Neither its message
     * nor its stack trace is kept or logged, as they may quote the answer.
     */
    private static <T> T attemptOnce(URI uri, Attempt<T> attempt, Duration timeout)
            throws JamaException, InterruptedException {
        try {
            return attempt.run(timeout);
        } catch (RuntimeException e) {
            String type = e.getClass().getName();
            LOGGER.log(Level.WARNING, "Unexpected {0} from the call to {1}", new Object[] {type, uri});
            throw new JamaException(
                    JamaException.Reason.MALFORMED_RESPONSE,
                    Messages.JamaException_unexpected(uri, e.getClass().getSimpleName()),
                    uri,
                    null);
        }
    }

    /**
     * Exponential backoff with jitter: before retry n the wait is {@code initial * 2^(n-1)}, capped, then scaled by a
     * random factor in [0.5, 1] so that builds failing together do not retry together. A {@code Retry-After} from Jama
     * is a lower bound.
     */
    static final class Backoff {

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
}
