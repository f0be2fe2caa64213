package io.jenkins.plugins.jama;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.PluginWrapper;
import hudson.ProxyConfiguration;
import hudson.util.Secret;
import io.jenkins.plugins.jama.client.AccessToken;
import io.jenkins.plugins.jama.client.ClientCredentials;
import io.jenkins.plugins.jama.client.JamaBaseUrl;
import io.jenkins.plugins.jama.client.JamaException;
import io.jenkins.plugins.jama.client.JamaHttp;
import io.jenkins.plugins.jama.client.JamaTokenClient;
import io.jenkins.plugins.jama.client.ObtainedToken;
import io.jenkins.plugins.jama.client.ProxyCredentials;
import io.jenkins.plugins.jama.client.TokenCache;
import io.jenkins.plugins.jama.client.TokenRenewal;
import io.jenkins.plugins.jama.client.TokenSource;
import io.jenkins.plugins.jama.client.TrustedCertificates;
import io.jenkins.plugins.jama.credentials.JamaApiClientCredentials;
import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jenkins.model.Jenkins;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * The plugin's one bridge between Jenkins and the Jenkins-free client: where Jenkins code gets Jama tokens (the
 * controller-wide cache), and the HTTP client they are minted with, through the Jenkins proxy settings and the
 * credential's trusted CA certificates. Other plugins that call Jama use {@link #token}; everything else here is
 * internal.
 *
 * <p>Mints share HTTP clients: each {@link HttpClient} keeps a selector thread until it is garbage collected, and
 * Java 17 has no {@code close()} to end it sooner. There is one client per set of trusted certificates in use, and
 * all are dropped when the proxy configuration changes.
 *
 * <p>The proxy's user name and password are not given to the HTTP client as an {@link java.net.Authenticator}, as
 * {@code ProxyConfiguration.newHttpClientBuilder()} does: Java 17 and 21 would then drop the {@code Authorization}
 * header every Jama call carries (JDK-8326949). The client sends them itself; see {@link ProxyCredentials}.
 */
public final class JamaConnect {

    /** More distinct sets of trusted certificates than this in use at once only cost a new client now and then. */
    private static final int MAX_CLIENTS = 16;

    private static Settings settings;
    private static final Map<TrustedCertificates, HttpClient> CLIENTS = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<TrustedCertificates, HttpClient> eldest) {
            return size() > MAX_CLIENTS;
        }
    };

    private JamaConnect() {}

    /**
     * A bearer token for {@code credentials}, for a plugin that calls Jama itself (a publisher, say): from the cache
     * every build on this controller shares, while its token has at least {@code minValidity} left, minted otherwise.
     * Send it as {@code Authorization: Bearer} to {@code credentials.getBaseUrl() + "/rest/v1/..."}; never log it.
     * Call it on the controller, off the Pipeline CPS thread: it may call Jama, retrying for up to a minute while Jama
     * is busy.
     *
     * @throws IOException with a message that says what to fix (a {@link JamaException}), when no token can be had
     */
    public static @NonNull AccessToken token(
            @NonNull JamaApiClientCredentials credentials, @NonNull Duration minValidity)
            throws IOException, InterruptedException {
        return obtain(credentials, minValidity).token();
    }

    /** The token with how it was obtained, for a build's log line and audit record. */
    @Restricted(NoExternalUse.class)
    public static @NonNull ObtainedToken obtain(
            @NonNull JamaApiClientCredentials credentials, @NonNull Duration minRemaining)
            throws JamaException, InterruptedException {
        return TokenCache.shared().get(toClientCredentials(credentials), minRemaining, source(credentials));
    }

    /**
     * Keeps renewing, through the same cache, the token a block of a build started with.
     *
     * @param issuedAt when the request for {@code current} started, which gives its lifetime
     */
    @Restricted(NoExternalUse.class)
    public static @NonNull TokenRenewal renewal(
            @NonNull JamaApiClientCredentials credentials,
            @NonNull Duration minValidity,
            @NonNull AccessToken current,
            @NonNull Instant issuedAt)
            throws JamaException {
        return new TokenRenewal(
                TokenCache.shared(),
                toClientCredentials(credentials),
                minValidity,
                source(credentials),
                Clock.systemUTC(),
                current,
                issuedAt);
    }

    /**
     * Reads the trusted certificates and builds the HTTP client only when Jama is called, with the proxy settings of
     * that moment: a cache hit parses nothing.
     */
    private static TokenSource source(JamaApiClientCredentials credentials) {
        return client -> newClient(
                        JamaHttp.Limits.FOR_BUILDS, TrustedCertificates.parse(credentials.getTrustedCertificates()))
                .mint(client);
    }

    /**
     * @param trusted CA certificates trusted for these calls on top of the Java runtime's
     * @throws JamaException when {@code trusted} cannot be turned into a TLS context
     */
    @Restricted(NoExternalUse.class)
    public static @NonNull JamaTokenClient newClient(
            @NonNull JamaHttp.Limits limits, @NonNull TrustedCertificates trusted) throws JamaException {
        return new JamaTokenClient(new JamaHttp(
                httpClient(trusted),
                proxyCredentials(Jenkins.get().getProxy()),
                limits,
                pluginVersion(),
                Clock.systemUTC(),
                JamaHttp.Sleeper.REAL));
    }

    private static @CheckForNull ProxyCredentials proxyCredentials(@CheckForNull ProxyConfiguration proxy) {
        return proxy == null || proxy.getName() == null || proxy.getUserName() == null
                ? null
                : new ProxyCredentials(proxy.getUserName(), Secret.toString(proxy.getSecretPassword()));
    }

    /** The credential as the Jenkins-free client sees it; plain http was accepted, with a warning, when it was saved. */
    @Restricted(NoExternalUse.class)
    public static @NonNull ClientCredentials toClientCredentials(@NonNull JamaApiClientCredentials credentials)
            throws JamaException {
        return new ClientCredentials(
                JamaBaseUrl.parse(credentials.getBaseUrl()),
                credentials.getClientId(),
                credentials.getClientSecret().getPlainText());
    }

    private static String pluginVersion() {
        PluginWrapper plugin = Jenkins.get().getPluginManager().whichPlugin(JamaConnect.class);
        return plugin == null ? "unknown" : plugin.getVersion();
    }

    /**
     * A client that uses the proxy and no-proxy hosts configured in Jenkins and never follows redirects, so
     * client credentials are only ever sent to the Jama address the user configured.
     */
    static synchronized @NonNull HttpClient httpClient(@NonNull TrustedCertificates trusted) throws JamaException {
        ProxyConfiguration proxy = Jenkins.get().getProxy();
        Settings now = Settings.of(proxy);
        if (!now.equals(settings)) {
            CLIENTS.clear();
            settings = now;
        }
        if (!CLIENTS.containsKey(trusted)) {
            CLIENTS.put(trusted, JamaHttp.newHttpClient(selector(proxy), trusted));
        }
        return CLIENTS.get(trusted);
    }

    /** Jenkins' own rules decide, per Jama host, between the proxy and a direct connection (No Proxy Host). */
    private static @CheckForNull ProxySelector selector(@CheckForNull ProxyConfiguration proxy) {
        if (proxy == null || proxy.getName() == null) {
            return null;
        }
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return List.of(proxy.createProxy(uri.getHost().toLowerCase(Locale.ROOT)));
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException failure) {
                // Nothing to learn: there is one proxy.
            }
        };
    }

    /** What the client is built from; the proxy configuration itself is mutable, so its values are copied. */
    private record Settings(String host, int port, String userName, Secret password, String noProxyHosts) {

        static Settings of(@CheckForNull ProxyConfiguration proxy) {
            return proxy == null
                    ? new Settings(null, 0, null, null, null)
                    : new Settings(
                            proxy.getName(),
                            proxy.getPort(),
                            proxy.getUserName(),
                            proxy.getSecretPassword(),
                            proxy.getNoProxyHost());
        }

        /** {@link Secret#toString()} would show the password. */
        @Override
        public String toString() {
            return "Settings[" + host + ":" + port + "]";
        }
    }
}
