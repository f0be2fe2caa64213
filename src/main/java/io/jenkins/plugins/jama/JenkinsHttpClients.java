package io.jenkins.plugins.jama;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ProxyConfiguration;
import java.net.http.HttpClient;
import java.time.Duration;

/** Builds the HTTP client for calls to Jama from the Jenkins controller, honouring the Jenkins proxy settings. */
public final class JenkinsHttpClients {

    private JenkinsHttpClients() {}

    /**
     * A client that uses the proxy and no-proxy hosts configured in Jenkins and never follows redirects, so
     * client credentials are only ever sent to the Jama address the user configured.
     */
    public static @NonNull HttpClient newClient(@NonNull Duration connectTimeout) {
        return ProxyConfiguration.newHttpClientBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .build();
    }
}
