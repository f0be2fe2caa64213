package io.jenkins.plugins.jama.client;

import edu.umd.cs.findbugs.annotations.CheckForNull;
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

    /**
     * Read without a lock, so that a hit takes none. Entries are added and evicted, and mints started, only under
     * {@link #lock}, so no mint starts on an evicted entry and an entry whose mint is in flight is never evicted.
     */
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

    private final Object lock = new Object();

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
        Key key = credentials.cacheKey();
        while (true) {
            ObtainedToken hit = hit(entries.get(key), wanted);
            if (hit != null) {
                return hit;
            }
            Entry entry;
            CompletableFuture<Cached> mint;
            boolean leader;
            synchronized (lock) {
                entry = entry(key);
                hit = hit(entry, wanted);
                if (hit != null) {
                    return hit;
                }
                leader = !entry.isMinting();
                if (leader) {
                    entry.mint = new CompletableFuture<>();
                }
                mint = entry.mint;
            }
            if (leader) {
                mint(entry, credentials, source, mint);
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

    /** The token cached in {@code entry}, handed out again, when it is fresh enough for {@code wanted}. */
    private @CheckForNull ObtainedToken hit(@CheckForNull Entry entry, long wanted) {
        Cached cached = entry == null ? null : entry.cached;
        return cached != null && cached.isFreshEnough(clock.millis(), wanted)
                ? cached.obtained(true, null, wanted)
                : null;
    }

    private void mint(Entry entry, ClientCredentials credentials, TokenSource source, CompletableFuture<Cached> flight)
            throws InterruptedException {
        long startedAt = clock.millis();
        try {
            Cached minted = new Cached(source.mint(credentials), startedAt);
            entry.cached = minted;
            flight.complete(minted);
        } catch (InterruptedException e) {
            flight.cancel(false);
            throw e;
        } catch (JamaException | RuntimeException | Error e) {
            flight.completeExceptionally(e);
        }
    }

    /**
     * Makes {@code token} the cached token for {@code credentials}, replacing any other: for a caller that has just
     * minted one outside the cache (Test Connection) and proved that it works as {@code user}. Its lifetime counts
     * from now.
     */
    public void put(@NonNull ClientCredentials credentials, @NonNull AccessToken token, @NonNull JamaUser user) {
        Cached cached = new Cached(new TokenSource.Minted(token, user, null), clock.millis());
        synchronized (lock) {
            entry(credentials.cacheKey()).cached = cached;
        }
    }

    /** Forgets the cached token of {@code credentials}, for a caller that saw Jama reject these credentials. */
    public void remove(@NonNull ClientCredentials credentials) {
        Entry entry = entries.get(credentials.cacheKey());
        if (entry != null) {
            entry.cached = null;
        }
    }

    /** Under {@link #lock}. */
    private Entry entry(Key key) {
        if (!entries.containsKey(key)) {
            makeRoom();
            entries.put(key, new Entry());
        }
        return entries.get(key);
    }

    /** Under {@link #lock}. Expired entries go first, as they expire soonest of all. */
    private void makeRoom() {
        while (entries.size() >= maxEntries) {
            Optional<Key> soonest = entries.entrySet().stream()
                    .filter(entry -> !entry.getValue().isMinting())
                    .min(Comparator.comparingLong(entry -> entry.getValue().expiresAtMillis()))
                    .map(Map.Entry::getKey);
            if (soonest.isEmpty()) {
                return;
            }
            entries.remove(soonest.get());
        }
    }

    /** The cached token of one key, and its latest mint. */
    private static final class Entry {

        volatile Cached cached;

        /**
         * Guarded by {@code lock}. A mint sets {@link #cached} before it completes; once it is done, the next caller
         * that needs a new token starts the next mint.
         */
        CompletableFuture<Cached> mint;

        boolean isMinting() {
            return mint != null && !mint.isDone();
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
    }
}
