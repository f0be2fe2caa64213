package io.jenkins.plugins.jama;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.PluginWrapper;
import io.jenkins.plugins.jama.client.ClientCredentials;
import io.jenkins.plugins.jama.client.ClientOptions;
import io.jenkins.plugins.jama.client.JamaBaseUrl;
import io.jenkins.plugins.jama.client.JamaException;
import io.jenkins.plugins.jama.client.JamaTokenClient;
import io.jenkins.plugins.jama.client.Sleeper;
import io.jenkins.plugins.jama.client.TokenCache;
import io.jenkins.plugins.jama.client.TokenLease;
import java.time.Clock;
import java.time.Duration;
import jenkins.model.Jenkins;

/** Where Jenkins gets Jama tokens: the controller-wide cache, minting through the Jenkins proxy settings. */
public final class JamaTokens {

    /** A build waits for its token, so a busy or rate-limited Jama is retried for up to a minute. */
    static final ClientOptions FOR_BUILDS = ClientOptions.defaults();

    /** Someone is waiting at the Test Connection button: one attempt, answered within 20 seconds. */
    static final ClientOptions FOR_CONNECTION_TEST =
            ClientOptions.defaults().withMaxAttempts(1).withDeadline(Duration.ofSeconds(20));

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
        return new JamaTokenClient(
                JenkinsHttpClients.get(named.connectTimeout()), named, Clock.systemUTC(), Sleeper.SYSTEM);
    }

    /** The credential as the Jenkins-free client sees it; plain http was accepted, with a warning, when it was saved. */
    public static @NonNull ClientCredentials toClientCredentials(@NonNull JamaApiClientCredentials credentials)
            throws JamaException {
        JamaBaseUrl baseUrl = JamaBaseUrl.parse(credentials.getBaseUrl(), JamaBaseUrl.Scheme.HTTP_ALLOWED);
        return new ClientCredentials(
                baseUrl,
                credentials.getClientId(),
                credentials.getClientSecret().getPlainText());
    }

    private static String pluginVersion() {
        PluginWrapper plugin = Jenkins.get().getPluginManager().whichPlugin(JamaTokens.class);
        return plugin == null ? "unknown" : plugin.getVersion();
    }
}
