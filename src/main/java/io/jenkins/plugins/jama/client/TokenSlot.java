package io.jenkins.plugins.jama.client;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The cached token of one {@link TokenCache.Key}, and the one mint in flight for it: concurrent callers that need a new
 * token wait for that mint instead of starting their own.
 */
final class TokenSlot {

    /** Tells waiting callers that the minting thread was interrupted, so one of them should mint instead. */
    private static final class MintAbandoned extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MintAbandoned() {
            super(null, null, false, false);
        }
    }

    private final LongSupplier millis;
    private final AtomicInteger waiting = new AtomicInteger();
    private volatile CachedToken current;

    // guarded by this
    private CompletableFuture<CachedToken> inFlight;

    // guarded by this; once set, no mint starts here: the cache no longer holds this slot
    private boolean evicted;

    private final Runnable afterPublish;

    TokenSlot(LongSupplier millis, Runnable afterPublish) {
        this.millis = millis;
        this.afterPublish = afterPublish;
    }

    /** @return {@code null} when the slot was evicted and the caller must look its key up again */
    TokenLease get(ClientCredentials credentials, long minRemainingMillis, TokenSource source)
            throws JamaException, InterruptedException {
        while (true) {
            CachedToken cached = current;
            if (cached != null && cached.isFreshEnough(millis.getAsLong(), minRemainingMillis)) {
                return cached.lease(true, null, minRemainingMillis);
            }
            CompletableFuture<CachedToken> flight;
            boolean leader = false;
            synchronized (this) {
                cached = current;
                if (cached != null && cached.isFreshEnough(millis.getAsLong(), minRemainingMillis)) {
                    return cached.lease(true, null, minRemainingMillis);
                }
                if (inFlight == null) {
                    if (evicted) {
                        return null;
                    }
                    inFlight = new CompletableFuture<>();
                    leader = true;
                }
                flight = inFlight;
            }
            if (leader) {
                return mint(credentials, source, flight, minRemainingMillis);
            }
            waiting.incrementAndGet();
            try {
                CachedToken minted = flight.get();
                if (!minted.isInvalidated()) {
                    return minted.lease(false, null, minRemainingMillis);
                }
                // Someone saw Jama reject it between its mint and this caller waking: mint or wait again.
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof MintAbandoned) {
                    continue;
                }
                if (cause instanceof JamaException failure) {
                    return fallBackOrThrow(failure, minRemainingMillis);
                }
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException("Minting a Jama token failed", cause);
            } finally {
                waiting.decrementAndGet();
            }
        }
    }

    private TokenLease mint(
            ClientCredentials credentials,
            TokenSource source,
            CompletableFuture<CachedToken> flight,
            long minRemainingMillis)
            throws JamaException, InterruptedException {
        long startedAt = millis.getAsLong();
        try {
            TokenSource.Minted fresh = source.mint(credentials);
            CachedToken minted =
                    new CachedToken(fresh.token(), startedAt, new Owner(fresh.user(), fresh.userUnknown()));
            publish(minted, flight);
            afterPublish.run();
            flight.complete(minted);
            return minted.lease(false, null, minRemainingMillis);
        } catch (JamaException e) {
            land(flight);
            flight.completeExceptionally(e);
            return fallBackOrThrow(e, minRemainingMillis);
        } catch (InterruptedException e) {
            land(flight);
            flight.completeExceptionally(new MintAbandoned());
            throw e;
        } catch (RuntimeException | Error e) {
            land(flight);
            flight.completeExceptionally(e);
            throw e;
        }
    }

    /**
     * Makes the token visible and ends its flight in one step. Were the token visible first, a caller could read it,
     * see Jama reject it, invalidate it, ask again, join the flight that is still registered, and get the same
     * token back.
     */
    private synchronized void publish(CachedToken minted, CompletableFuture<CachedToken> flight) {
        land(flight);
        current = minted;
    }

    private synchronized void land(CompletableFuture<CachedToken> flight) {
        if (inFlight == flight) {
            inFlight = null;
        }
    }

    /** A failed refresh while the cached token still works: hand that one out and say what failed. */
    private TokenLease fallBackOrThrow(JamaException failure, long minRemainingMillis) throws JamaException {
        CachedToken cached = current;
        if (cached != null && cached.isValid(millis.getAsLong())) {
            return cached.lease(true, failure, minRemainingMillis);
        }
        throw failure;
    }

    synchronized void invalidate(AccessToken token) {
        CachedToken cached = current;
        if (cached != null && cached.token().value().equals(token.value())) {
            cached.invalidate();
            current = null;
        }
    }

    /** @return {@code false} when the slot was evicted and the caller must look its key up again */
    synchronized boolean put(AccessToken token, JamaUser user) {
        if (evicted) {
            return false;
        }
        current = new CachedToken(token, millis.getAsLong(), new Owner(user, null));
        return true;
    }

    synchronized void forget() {
        CachedToken cached = current;
        if (cached != null) {
            cached.invalidate();
            current = null;
        }
    }

    /** Evicts it when it holds nothing usable any more and no mint is running. */
    synchronized boolean evictIfUnused(long nowMillis) {
        CachedToken cached = current;
        if (inFlight == null && (cached == null || !cached.isValid(nowMillis))) {
            evicted = true;
        }
        return evicted;
    }

    /** Evicts it unless a mint is running. */
    synchronized boolean evict() {
        if (inFlight == null) {
            evicted = true;
        }
        return evicted;
    }

    synchronized boolean isMinting() {
        return inFlight != null;
    }

    /** Callers waiting for the mint in flight; lets tests line callers up without sleeping. */
    int waiting() {
        return waiting.get();
    }

    long expiresAtMillis() {
        CachedToken cached = current;
        return cached == null ? Long.MIN_VALUE : cached.expiresAtMillis();
    }

    /** The Jama user a token acts as, or why asking Jama for it failed. */
    private record Owner(JamaUser user, JamaException unknown) {}

    /**
     * A token in the {@link TokenCache} with when its mint started, which gives its full lifetime, and the user it acts
     * as.
     *
     * <p>"Fresh enough" for a caller asking for {@code minRemaining}: the token has that much validity left, or, when
     * Jama's tokens live shorter than that, it is still in the first tenth of its life. No new token could do better
     * than its full lifetime, so minting again would gain less than a tenth; meanwhile a second caller soon after the
     * first gets the same fresh token instead of a new mint.
     */
    private static final class CachedToken {

        private final AccessToken token;
        private final long issuedAtMillis;
        private final Owner owner;
        private final long expiresAtMillis;
        private final long lifetimeMillis;
        private final long freshFloorMillis;

        /** Set once a caller saw Jama reject it, so a caller that waited for its mint does not get it. */
        private volatile boolean invalidated;

        CachedToken(AccessToken token, long mintStartedAtMillis, Owner owner) {
            this.token = token;
            this.issuedAtMillis = mintStartedAtMillis;
            this.owner = owner;
            this.expiresAtMillis = token.expiresAt().toEpochMilli();
            this.lifetimeMillis = Math.max(0, expiresAtMillis - mintStartedAtMillis);
            this.freshFloorMillis = lifetimeMillis - lifetimeMillis / 10;
        }

        /** A lease of this token for a caller that asked for {@code minRemainingMillis}. */
        TokenLease lease(boolean reused, JamaException refreshFailure, long minRemainingMillis) {
            Duration shortLifetime = lifetimeMillis < minRemainingMillis ? Duration.ofMillis(lifetimeMillis) : null;
            return new TokenLease(
                    token,
                    Instant.ofEpochMilli(issuedAtMillis),
                    reused,
                    owner.user(),
                    owner.unknown(),
                    refreshFailure,
                    shortLifetime);
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
}
