package io.jenkins.plugins.jama.client;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Which cached token an API client may use: site, client ID and a keyed hash of the secret, so a rotated secret
 * never gets a token minted with the old one. The hash key is random per JVM, so the hash is worthless outside it.
 */
record CacheKey(String baseUrl, String clientId, String secretHash) {

    private static final byte[] HASH_KEY = seed();

    static CacheKey of(ClientCredentials credentials) {
        return new CacheKey(credentials.baseUrl().toString(), credentials.clientId(), hash(credentials.clientSecret()));
    }

    private static byte[] seed() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private static String hash(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(HASH_KEY, "HmacSHA256"));
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
