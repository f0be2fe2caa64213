package io.jenkins.plugins.jama;

import edu.umd.cs.findbugs.annotations.NonNull;
import io.jenkins.plugins.jama.client.ClientCredentials;
import io.jenkins.plugins.jama.client.JamaBaseUrl;
import io.jenkins.plugins.jama.client.JamaException;
import io.jenkins.plugins.jama.client.JamaTokenClient;
import io.jenkins.plugins.jama.client.TokenCache;
import io.jenkins.plugins.jama.client.TokenLease;
import java.time.Duration;

/** Where Jenkins gets Jama tokens: the controller-wide cache, minting through the Jenkins proxy settings. */
public final class JamaTokens {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);

    private JamaTokens() {}

    /** Must run on the controller, off the Pipeline (CPS) thread: it may call Jama. */
    public static @NonNull TokenLease obtain(
            @NonNull JamaApiClientCredentials credentials, @NonNull Duration minRemaining)
            throws JamaException, InterruptedException {
        return TokenCache.shared().get(toClientCredentials(credentials), minRemaining, newClient());
    }

    public static @NonNull JamaTokenClient newClient() {
        return new JamaTokenClient(JenkinsHttpClients.newClient(CONNECT_TIMEOUT));
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
}
