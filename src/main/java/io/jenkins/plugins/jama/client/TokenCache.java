package io.jenkins.plugins.jama.client;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.KeyGenerator;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * Tokens shared by every build on the controller, keyed by site, client ID and a hash of the client secret.
 * Concurrent requests for the same key wait for a single mint.
 *
 * <p>Bounded: when a new key would exceed the limit, entries whose token has expired go first, then the ones whose
 * token expires soonest; an entry whose mint is in flight is never evicted. See {@code TokenSlot.CachedToken} for when a cached
 * token is fresh enough.
 */
public final class TokenCache {

    public static final int DEFAULT_MAX_ENTRIES = 1000;

    private static final TokenCache SHARED = new TokenCache();

    private final Clock clock;
    private final int maxEntries;
    private final Map<Key, TokenSlot> slots = new ConcurrentHashMap<>();
    private final Object admission = new Object();
    private final Runnable afterPublish;

    /** A cache of its own on the system clock, with the {@link #DEFAULT_MAX_ENTRIES default bound}. */
    public TokenCache() {
        this(Clock.systemUTC(), DEFAULT_MAX_ENTRIES);
    }

    public TokenCache(@NonNull Clock clock, int maxEntries) {
        this(clock, maxEntries, () -> {});
    }

    /**
     * @param afterPublish runs in the minting thread once a new token is visible to other callers and before the
     *     callers waiting for that mint get it, so tests can act in between
     */
    TokenCache(Clock clock, int maxEntries, Runnable afterPublish) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1");
        }
        this.clock = clock;
        this.maxEntries = maxEntries;
        this.afterPublish = afterPublish;
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
    public @NonNull TokenLease get(
            @NonNull ClientCredentials credentials, @NonNull Duration minRemaining, @NonNull TokenSource source)
            throws JamaException, InterruptedException {
        Key key = credentials.cacheKey();
        while (true) {
            TokenLease lease = slot(key).get(credentials, minRemaining.toMillis(), source);
            if (lease != null) {
                return lease;
            }
            // The slot was evicted between the lookup and its use: look the key up again.
        }
    }

    /** Forgets {@code token} if it is still the cached one, for a caller that saw Jama reject it. */
    public void invalidate(@NonNull ClientCredentials credentials, @NonNull AccessToken token) {
        TokenSlot slot = slots.get(credentials.cacheKey());
        if (slot != null) {
            slot.invalidate(token);
        }
    }

    /**
     * Makes {@code token} the cached token for {@code credentials}, replacing any other: for a caller that has just
     * minted one outside the cache (Test Connection) and proved that it works as {@code user}. Its lifetime counts
     * from now.
     */
    public void put(@NonNull ClientCredentials credentials, @NonNull AccessToken token, @NonNull JamaUser user) {
        Key key = credentials.cacheKey();
        while (!slot(key).put(token, user)) {
            // The slot was evicted between the lookup and its use: look the key up again.
        }
    }

    /** Forgets the cached token of {@code credentials}, for a caller that saw Jama reject these credentials. */
    public void remove(@NonNull ClientCredentials credentials) {
        TokenSlot slot = slots.get(credentials.cacheKey());
        if (slot != null) {
            slot.forget();
        }
    }

    /** Forgets every token. */
    public void clear() {
        slots.clear();
    }

    int size() {
        return slots.size();
    }

    int waitingForMint(ClientCredentials credentials) {
        TokenSlot slot = slots.get(credentials.cacheKey());
        return slot == null ? 0 : slot.waiting();
    }

    private TokenSlot slot(Key key) {
        TokenSlot slot = slots.get(key);
        if (slot != null) {
            return slot;
        }
        synchronized (admission) {
            slot = slots.get(key);
            if (slot == null) {
                makeRoom();
                slot = new TokenSlot(clock::millis, afterPublish);
                slots.put(key, slot);
            }
            return slot;
        }
    }

    /**
     * A slot whose mint is in flight is never evicted: its waiters would keep it, but the next caller for that key
     * would find no slot and start a second mint. When every slot is minting, the cache grows past its bound until
     * they finish.
     */
    private void makeRoom() {
        long now = clock.millis();
        slots.entrySet().removeIf(entry -> entry.getValue().evictIfUnused(now));
        while (slots.size() >= maxEntries) {
            Optional<Map.Entry<Key, TokenSlot>> victim = slots.entrySet().stream()
                    .filter(entry -> !entry.getValue().isMinting())
                    .min(Comparator.comparingLong(entry -> entry.getValue().expiresAtMillis()));
            if (victim.isEmpty()) {
                return;
            }
            if (victim.get().getValue().evict()) {
                slots.remove(victim.get().getKey(), victim.get().getValue());
            }
        }
    }

    /**
     * Which cached token an API client may use: site, client ID and a keyed hash of the secret, so a rotated secret
     * never gets a token minted with the old one. The hash key is random per JVM, so the hash is worthless outside it.
     */
    record Key(String baseUrl, String clientId, String secretHash) {

        private static final String HMAC = "HmacSHA256";
        private static final SecretKey HASH_KEY = newHashKey();

        static Key of(ClientCredentials credentials) {
            return new Key(credentials.baseUrl().toString(), credentials.clientId(), hash(credentials.clientSecret()));
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
