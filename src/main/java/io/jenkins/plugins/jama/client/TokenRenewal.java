package io.jenkins.plugins.jama.client;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Keeps one block of a build supplied with a valid token for as long as the block runs, though Jama's tokens live
 * about an hour and cannot be refreshed: a timer calls {@link #renewIfDue()} at {@link #nextAttemptAt()} and binds
 * {@link #current()}.
 *
 * <p>Schedule: with {@code L} the current token's lifetime (from the start of the request that got it to its expiry),
 * it is renewed once its remaining validity falls to {@code min(max(L/4, minValidity), L/2)}. A quarter of the
 * lifetime leaves time to retry while Jama is down; a longer minimum validity of the block is honoured, since whatever
 * the block starts must get that much; and renewing before mid-life would only mint more tokens without making any
 * of them last longer. A 60-minute token is renewed after 30 minutes with the default minimum validity of 50 (or any
 * minimum of 30 or more), after 40 with a minimum of 20, and after 45 with 15 or less.
 *
 * <p>Renewals go through the {@link TokenCache}, asking for a token that would not be due for renewal yet, so blocks
 * of parallel branches that share a credential share each new token too: the first one due mints, the others find
 * its token fresh enough.
 *
 * <p>Retries: when a renewal fails, the block keeps its current token and tries again after a quarter of that
 * token's remaining validity, at least 30 seconds (a tenth of the lifetime for tokens shorter than 5 minutes) and at
 * most 5 minutes: more attempts as expiry nears, without hammering a Jama that is down. Only the first failure of a streak is {@link Outcome#reportable() reportable}, so
 * the build log names an outage once rather than at every attempt.
 *
 * <p>Thread-safe: renewals are serialized, and {@link #current()} and {@link #nextAttemptAt()} never
 * wait for a renewal in flight. {@link #toString()} hides the tokens.
 */
public final class TokenRenewal {

    private static final Duration MIN_RETRY_DELAY = Duration.ofSeconds(30);
    private static final Duration MAX_RETRY_DELAY = Duration.ofMinutes(5);
    private static final Duration FRESHNESS_MARGIN = Duration.ofSeconds(1);

    /** What a call to {@link #renewIfDue()} did. */
    public enum Kind {
        /** The block holds a new token. */
        RENEWED,
        /** Renewing failed; the block keeps its current token and tries again at {@link #nextAttemptAt()}. */
        FAILED,
        /** Not due yet: nothing was asked. */
        NOT_DUE,
        /**
         * Due, but no token that outlives the current one was to be had (the cache holds a token from a shorter-lived
         * batch, as after Jama's token lifetime was shortened); tried again later.
         */
        NOTHING_NEWER
    }

    /**
     * @param token the token the block holds after the call
     * @param renewedTo the new token of a {@link Kind#RENEWED renewal} as the cache handed it out: newly minted (by
     *     this call, or by a concurrent one it waited for) or already cached, such as the token another block renewed
     *     to first; with its user and issue time
     * @param failure why a renewal {@link Kind#FAILED failed}
     * @param reportable whether this failure starts a streak, so the caller should report it; later failures of the
     *     same streak are not
     */
    public record Outcome(
            @NonNull Kind kind,
            @NonNull AccessToken token,
            @CheckForNull ObtainedToken renewedTo,
            @CheckForNull JamaException failure,
            boolean reportable) {}

    private final TokenCache cache;
    private final ClientCredentials credentials;
    private final Duration minValidity;
    private final TokenSource source;
    private final Clock clock;

    private volatile AccessToken current;

    private volatile Instant nextAttemptAt;

    // guarded by this
    private Duration currentLifetime;

    // guarded by this
    private boolean failing;

    /**
     * @param minValidity the validity the block asked every token to have when it is bound
     * @param first the block's first token
     * @param firstIssuedAt when the request that got {@code first} started, which gives its lifetime
     */
    public TokenRenewal(
            @NonNull TokenCache cache,
            @NonNull ClientCredentials credentials,
            @NonNull Duration minValidity,
            @NonNull TokenSource source,
            @NonNull Clock clock,
            @NonNull AccessToken first,
            @NonNull Instant firstIssuedAt) {
        this.cache = cache;
        this.credentials = credentials;
        this.minValidity = minValidity;
        this.source = source;
        this.clock = clock;
        this.current = first;
        this.currentLifetime = first.remainingAt(firstIssuedAt);
        this.nextAttemptAt = first.expiresAt().minus(threshold(currentLifetime));
    }

    /** The token the block should use now. */
    public @NonNull AccessToken current() {
        return current;
    }

    /** When to call {@link #renewIfDue()} next. */
    public @NonNull Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    /**
     * Renews the current token when its renewal or a retry is due. Never throws a {@link JamaException}: failures
     * come back as a {@link Kind#FAILED} outcome, and the block keeps its current token.
     */
    public synchronized @NonNull Outcome renewIfDue() throws InterruptedException {
        Instant now = clock.instant();
        if (now.isBefore(nextAttemptAt)) {
            return new Outcome(Kind.NOT_DUE, current, null, null, false);
        }
        // A second past the threshold: the current token, now at or below it, must not count as fresh enough, also
        // when the cache's millisecond clock and a block's stored expiry round the other way.
        Duration wanted = threshold(currentLifetime).plus(FRESHNESS_MARGIN);
        ObtainedToken obtained;
        try {
            obtained = cache.get(credentials, wanted, source);
        } catch (JamaException e) {
            return failed(e, now);
        }
        boolean adopted = adoptIfItOutlivesCurrent(obtained.token(), now);
        JamaException refreshFailure = obtained.refreshFailure();
        if (refreshFailure != null) {
            return failed(refreshFailure, now);
        }
        if (!adopted) {
            nextAttemptAt = now.plus(retryDelay(now));
            return new Outcome(Kind.NOTHING_NEWER, current, null, null, false);
        }
        failing = false;
        nextAttemptAt = obtained.token().expiresAt().minus(threshold(currentLifetime));
        return new Outcome(Kind.RENEWED, obtained.token(), obtained, null, false);
    }

    /**
     * Takes a token only when it expires after the current one, so the block never moves to an expired token nor
     * to one that would run out sooner; a token handed back after a failed mint counts too when it lasts longer.
     */
    private boolean adoptIfItOutlivesCurrent(AccessToken candidate, Instant requestedAt) {
        // The same token again is no renewal, even when a caller rebuilt the current one with a coarser expiry.
        if (candidate.value().equals(current.value())
                || !candidate.expiresAt().isAfter(current.expiresAt())
                || !candidate.expiresAt().isAfter(clock.instant())) {
            return false;
        }
        current = candidate;
        currentLifetime = candidate.remainingAt(requestedAt);
        return true;
    }

    private Outcome failed(JamaException failure, Instant now) {
        boolean firstOfStreak = !failing;
        failing = true;
        nextAttemptAt = now.plus(retryDelay(now));
        return new Outcome(Kind.FAILED, current(), null, failure, firstOfStreak);
    }

    private Duration threshold(Duration lifetime) {
        return clamp(minValidity, lifetime.dividedBy(4), lifetime.dividedBy(2));
    }

    private Duration retryDelay(Instant now) {
        Duration floor = clamp(currentLifetime.dividedBy(10), Duration.ZERO, MIN_RETRY_DELAY);
        return clamp(current().remainingAt(now).dividedBy(4), floor, MAX_RETRY_DELAY);
    }

    private static Duration clamp(Duration value, Duration low, Duration high) {
        return value.compareTo(low) < 0 ? low : value.compareTo(high) > 0 ? high : value;
    }

    @Override
    public String toString() {
        return "TokenRenewal[" + credentials + ", current expires " + current().expiresAt() + ", next attempt "
                + nextAttemptAt + "]";
    }
}
