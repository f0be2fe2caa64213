package io.jenkins.plugins.jama.client;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.KeyGenerator;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * Which cached token an API client may use: site, client ID and a keyed hash of the secret, so a rotated secret
 * never gets a token minted with the old one. The hash key is random per JVM, so the hash is worthless outside it.
 */
record CacheKey(String baseUrl, String clientId, String secretHash) {

    private static final String HMAC = "HmacSHA256";
    private static final SecretKey HASH_KEY = newHashKey();

    static CacheKey of(ClientCredentials credentials) {
        return new CacheKey(credentials.baseUrl().toString(), credentials.clientId(), hash(credentials.clientSecret()));
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
