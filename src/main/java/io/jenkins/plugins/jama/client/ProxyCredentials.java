package io.jenkins.plugins.jama.client;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The user name and password of an HTTP proxy that asks for Basic authentication. The client sends them itself, in a
 * {@code Proxy-Authorization} header on each request that goes through the proxy, instead of installing an
 * {@link java.net.Authenticator}: with an authenticator, Java 17 and 21 drop the request's own {@code Authorization}
 * header (JDK-8326949), which carries the client credentials and the bearer token. {@link #toString()} hides the
 * password.
 */
public record ProxyCredentials(
        @NonNull String user,
        // lgtm[jenkins/plaintext-storage] held in memory only, never serialized: Jenkins stores the proxy password
        @NonNull String password) {

    @NonNull
    String basicHeader() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "ProxyCredentials[" + user + ", ****]";
    }
}
