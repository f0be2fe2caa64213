package io.jenkins.plugins.jama;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.PluginWrapper;
import hudson.ProxyConfiguration;
import hudson.util.Secret;
import io.jenkins.plugins.jama.client.ClientCredentials;
import io.jenkins.plugins.jama.client.ClientOptions;
import io.jenkins.plugins.jama.client.JamaBaseUrl;
import io.jenkins.plugins.jama.client.JamaException;
import io.jenkins.plugins.jama.client.JamaTokenClient;
import io.jenkins.plugins.jama.client.Sleeper;
import io.jenkins.plugins.jama.client.TokenCache;
import io.jenkins.plugins.jama.client.TokenLease;
import io.jenkins.plugins.jama.credentials.JamaApiClientCredentials;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import jenkins.model.Jenkins;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * The one bridge between Jenkins and the Jenkins-free client: where Jenkins code gets Jama tokens (the controller-wide
 * cache), and the HTTP client they are minted with, through the Jenkins proxy settings.
 *
 * <p>Every mint shares one HTTP client while the proxy settings stay the same: each {@link HttpClient} keeps a
 * selector thread until it is garbage collected, and Java 17 has no {@code close()} to end it sooner. A changed proxy
 * configuration gets a new client; the old one is dropped.
 */
@Restricted(NoExternalUse.class)
public final class JamaTokens {

    /** A build waits for its token, so a busy or rate-limited Jama is retried for up to a minute. */
    public static final ClientOptions FOR_BUILDS = ClientOptions.defaults();

    /** Someone is waiting at the Test Connection button: one attempt, answered within 20 seconds. */
    public static final ClientOptions FOR_CONNECTION_TEST =
            ClientOptions.defaults().withMaxAttempts(1).withDeadline(Duration.ofSeconds(20));

    private static Settings settings;
    private static HttpClient client;

    private JamaTokens() {}

    /** Must run on the controller, off the Pipeline (CPS) thread: it may call Jama. */
    public static @NonNull TokenLease obtain(
            @NonNull JamaApiClientCredentials credentials, @NonNull Duration minRemaining)
            throws JamaException, InterruptedException {
        // The HTTP client is built only when a token is minted, with the proxy settings of that moment.
        return TokenCache.shared()
                .get(
                        toClientCredentials(credentials),
                        minRemaining,
                        client -> newClient(FOR_BUILDS).requestToken(client));
    }

    public static @NonNull JamaTokenClient newClient(@NonNull ClientOptions options) {
        ClientOptions named = options.withPluginVersion(pluginVersion());
        return new JamaTokenClient(httpClient(named.connectTimeout()), named, Clock.systemUTC(), Sleeper.SYSTEM);
    }

    /** The credential as the Jenkins-free client sees it; plain http was accepted, with a warning, when it was saved. */
    public static @NonNull ClientCredentials toClientCredentials(@NonNull JamaApiClientCredentials credentials)
            throws JamaException {
        JamaBaseUrl baseUrl = JamaBaseUrl.parse(credentials.getBaseUrl());
        return new ClientCredentials(
                baseUrl,
                credentials.getClientId(),
                credentials.getClientSecret().getPlainText());
    }

    private static String pluginVersion() {
        PluginWrapper plugin = Jenkins.get().getPluginManager().whichPlugin(JamaTokens.class);
        return plugin == null ? "unknown" : plugin.getVersion();
    }

    /**
     * A client that uses the proxy and no-proxy hosts configured in Jenkins and never follows redirects, so
     * client credentials are only ever sent to the Jama address the user configured.
     */
    static synchronized @NonNull HttpClient httpClient(@NonNull Duration connectTimeout) {
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
