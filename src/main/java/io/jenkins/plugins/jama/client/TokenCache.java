package io.jenkins.plugins.jama.client;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import javax.crypto.KeyGenerator;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * Tokens shared by every build on the controller, keyed by site, client ID and a keyed hash of the client secret.
 * Callers that need a new token for the same key at the same time share one mint, and its failure too.
 *
 * <p>A cached token is fresh enough for a caller asking for {@code minRemaining} when it has that much validity left,
 * or, when Jama's tokens live shorter than that, while it is still in the first tenth of its life: no new token could
 * do better than its full lifetime, and a second caller soon after the first gets the same token instead of a mint.
 *
 * <p>Bounded: when a new key would exceed the limit, entries whose token has expired go first, then the ones whose
 * token expires soonest. An entry whose mint is in flight is never evicted, as the next caller for its key would start
 * a second mint; when every entry is minting, the cache grows past its bound until they finish.
 */
public final class TokenCache {

    /** Every build on the controller, with room for far more API clients than one controller uses. */
    private static final TokenCache SHARED = new TokenCache(Clock.systemUTC(), 1000);

    private final Clock clock;
    private final int maxEntries;
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    private final Object admission = new Object();

    public TokenCache(@NonNull Clock clock, int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1");
        }
        this.clock = clock;
        this.maxEntries = maxEntries;
    }

    public static @NonNull TokenCache shared() {
        return SHARED;
    }

    /**
     * A token with at least {@code minRemaining} validity left, or a freshly minted one when Jama's tokens live
     * shorter than that.
     *
     * @throws JamaException when a new token was needed, minting failed, and no cached token is still valid
     */
    public @NonNull ObtainedToken get(
            @NonNull ClientCredentials credentials, @NonNull Duration minRemaining, @NonNull TokenSource source)
            throws JamaException, InterruptedException {
        long wanted = minRemaining.toMillis();
        while (true) {
            Entry entry = entry(credentials.cacheKey());
            Cached cached = entry.cached;
            if (cached != null && cached.isFreshEnough(clock.millis(), wanted)) {
                return cached.obtained(true, null, wanted);
            }
            CompletableFuture<Cached> mint;
            boolean leader;
            synchronized (entry) {
                if (entry.evicted) {
                    continue;
                }
                cached = entry.cached;
                if (cached != null && cached.isFreshEnough(clock.millis(), wanted)) {
                    return cached.obtained(true, null, wanted);
                }
                leader = entry.mint == null;
                if (leader) {
                    entry.mint = new CompletableFuture<>();
                }
                mint = entry.mint;
            }
            if (leader) {
                entry.mint(credentials, source, mint, clock.millis());
            }
            try {
                return mint.get().obtained(false, null, wanted);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof JamaException failure) {
                    // A failed refresh while the cached token still works: hand that one out and say what failed.
                    Cached valid = entry.cached;
                    if (valid != null && valid.expiresAtMillis() > clock.millis()) {
                        return valid.obtained(true, failure, wanted);
                    }
                    throw failure;
                }
                if (cause instanceof Error error) {
                    throw error;
                }
                throw (RuntimeException) cause;
            } catch (CancellationException e) {
                // The minting thread was interrupted: one of its waiters mints instead.
            }
        }
    }

    /**
     * Makes {@code token} the cached token for {@code credentials}, replacing any other: for a caller that has just
     * minted one outside the cache (Test Connection) and proved that it works as {@code user}. Its lifetime counts
     * from now.
     */
    public void put(@NonNull ClientCredentials credentials, @NonNull AccessToken token, @NonNull JamaUser user) {
        Cached cached = new Cached(new TokenSource.Minted(token, user, null), clock.millis());
        while (!entry(credentials.cacheKey()).replace(cached)) {
            // Evicted between the lookup and its use: look the key up again.
        }
    }

    /** Forgets the cached token of {@code credentials}, for a caller that saw Jama reject these credentials. */
    public void remove(@NonNull ClientCredentials credentials) {
        Entry entry = entries.get(credentials.cacheKey());
        if (entry != null) {
            entry.cached = null;
        }
    }

    private Entry entry(Key key) {
        Entry entry = entries.get(key);
        if (entry != null) {
            return entry;
        }
        synchronized (admission) {
            entry = entries.get(key);
            if (entry == null) {
                makeRoom();
                entry = new Entry();
                entries.put(key, entry);
            }
            return entry;
        }
    }

    /** Expired entries go first, as they expire soonest of all. */
    private void makeRoom() {
        while (entries.size() >= maxEntries) {
            Optional<Map.Entry<Key, Entry>> soonest = entries.entrySet().stream()
                    .filter(entry -> !entry.getValue().isMinting())
                    .min(Comparator.comparingLong(entry -> entry.getValue().expiresAtMillis()));
            if (soonest.isEmpty()) {
                return;
            }
            if (soonest.get().getValue().evict()) {
                entries.remove(soonest.get().getKey());
            }
        }
    }

    /** The cached token of one key, and the one mint in flight for it, guarded by the entry's own lock. */
    private static final class Entry {

        volatile Cached cached;

        // guarded by this
        CompletableFuture<Cached> mint;

        // guarded by this; once set, no mint starts here: the cache no longer holds this entry
        boolean evicted;

        void mint(ClientCredentials credentials, TokenSource source, CompletableFuture<Cached> flight, long startedAt)
                throws InterruptedException {
            try {
                Cached minted = new Cached(source.mint(credentials), startedAt);
                synchronized (this) {
                    cached = minted;
                    mint = null;
                }
                flight.complete(minted);
            } catch (InterruptedException e) {
                land();
                flight.cancel(false);
                throw e;
            } catch (JamaException | RuntimeException | Error e) {
                land();
                flight.completeExceptionally(e);
            }
        }

        private synchronized void land() {
            mint = null;
        }

        synchronized boolean replace(Cached token) {
            if (!evicted) {
                cached = token;
            }
            return !evicted;
        }

        /** Evicts it unless a mint is running. */
        synchronized boolean evict() {
            if (mint == null) {
                evicted = true;
            }
            return evicted;
        }

        synchronized boolean isMinting() {
            return mint != null;
        }

        long expiresAtMillis() {
            Cached token = cached;
            return token == null ? Long.MIN_VALUE : token.expiresAtMillis();
        }
    }

    /** A minted token with its user and when its mint started, which gives its full lifetime. */
    private record Cached(TokenSource.Minted minted, long issuedAtMillis) {

        long expiresAtMillis() {
            return minted.token().expiresAt().toEpochMilli();
        }

        long lifetimeMillis() {
            return Math.max(0, expiresAtMillis() - issuedAtMillis);
        }

        boolean isFreshEnough(long nowMillis, long minRemainingMillis) {
            long remaining = expiresAtMillis() - nowMillis;
            long lifetime = lifetimeMillis();
            return remaining > 0 && remaining >= Math.min(minRemainingMillis, lifetime - lifetime / 10);
        }

        ObtainedToken obtained(boolean reused, JamaException refreshFailure, long minRemainingMillis) {
            return new ObtainedToken(
                    minted.token(),
                    Instant.ofEpochMilli(issuedAtMillis),
                    reused,
                    minted.user(),
                    minted.userUnknown(),
                    refreshFailure,
                    lifetimeMillis() < minRemainingMillis ? Duration.ofMillis(lifetimeMillis()) : null);
        }
    }

    /**
     * Which cached token an API client may use: site, client ID and a keyed hash of the secret, so a rotated secret
     * never gets a token minted with the old one. The hash key is random per JVM, so the hash is worthless outside it.
     */
    record Key(String baseUrl, String clientId, String secretHash) {

        private static final String HMAC = "HmacSHA256";
        private static final SecretKey HASH_KEY = newHashKey();

        static Key of(JamaBaseUrl baseUrl, String clientId, String clientSecret) {
            return new Key(baseUrl.toString(), clientId, hash(clientSecret));
        }

        private static SecretKey newHashKey() {
            try {
                return KeyGenerator.getInstance(HMAC).generateKey();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
            }
        }

        private static String hash(String secret) {
            try {
                Mac mac = Mac.getInstance(HMAC);
                mac.init(HASH_KEY);
                return Base64.getEncoder().encodeToString(mac.doFinal(secret.getBytes(StandardCharsets.UTF_8)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
            }
        }

        @Override
        public String toString() {
            return clientId + " @ " + baseUrl;
        }
    }
}
