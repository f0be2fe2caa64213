package io.jenkins.plugins.jama;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ProxyConfiguration;
import hudson.util.Secret;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import jenkins.model.Jenkins;

/**
 * The HTTP client for calls to Jama from the Jenkins controller, honouring the Jenkins proxy settings.
 *
 * <p>Every mint shares one client while the proxy settings stay the same: each {@link HttpClient} keeps a selector
 * thread until it is garbage collected, and Java 17 has no {@code close()} to end it sooner. A changed proxy
 * configuration gets a new client; the old one is dropped.
 */
public final class JenkinsHttpClients {

    private static Settings settings;
    private static HttpClient client;

    private JenkinsHttpClients() {}

    /**
     * A client that uses the proxy and no-proxy hosts configured in Jenkins and never follows redirects, so
     * client credentials are only ever sent to the Jama address the user configured.
     */
    public static synchronized @NonNull HttpClient get(@NonNull Duration connectTimeout) {
        Settings now = Settings.of(Jenkins.get().getProxy(), connectTimeout);
        if (client == null || !now.equals(settings)) {
            client = ProxyConfiguration.newHttpClientBuilder()
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(connectTimeout)
                    .build();
            settings = now;
        }
        return client;
    }

    /** What the client is built from; the proxy configuration itself is mutable, so its values are copied. */
    private static final class Settings {

        private final String host;
        private final int port;
        private final String userName;
        private final Secret password;
        private final String noProxyHosts;
        private final Duration connectTimeout;

        private Settings(
                String host, int port, String userName, Secret password, String noProxyHosts, Duration connectTimeout) {
            this.host = host;
            this.port = port;
            this.userName = userName;
            this.password = password;
            this.noProxyHosts = noProxyHosts;
            this.connectTimeout = connectTimeout;
        }

        static Settings of(@CheckForNull ProxyConfiguration proxy, Duration connectTimeout) {
            if (proxy == null) {
                return new Settings(null, 0, null, null, null, connectTimeout);
            }
            return new Settings(
                    proxy.getName(),
                    proxy.getPort(),
                    proxy.getUserName(),
                    proxy.getSecretPassword(),
                    proxy.getNoProxyHost(),
                    connectTimeout);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Settings other
                    && port == other.port
                    && Objects.equals(host, other.host)
                    && Objects.equals(userName, other.userName)
                    && Objects.equals(password, other.password)
                    && Objects.equals(noProxyHosts, other.noProxyHosts)
                    && connectTimeout.equals(other.connectTimeout);
        }

        @Override
        public int hashCode() {
            return Objects.hash(host, port, userName, noProxyHosts, connectTimeout);
        }
    }
}
