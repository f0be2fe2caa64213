package io.jenkins.plugins.jama.credentials;

import com.cloudbees.plugins.credentials.CredentialsNameProvider;
import com.cloudbees.plugins.credentials.NameWith;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.util.Secret;
import java.net.URI;
import java.util.Objects;

/** A Jama Connect OAuth API client: the site's base URL, a client ID and its client secret. */
@NameWith(JamaApiClientCredentials.NameProvider.class)
public interface JamaApiClientCredentials extends StandardCredentials {

    /** The normalised site address, such as {@code https://example.jamacloud.com}. */
    @NonNull
    String getBaseUrl();

    @NonNull
    String getClientId();

    /** Only for the token exchange, which runs on the controller. */
    @NonNull
    Secret getClientSecret();

    /**
     * PEM certificates of the CAs trusted for this Jama site on top of the Java runtime's, for a self-hosted Jama
     * with a private CA; empty when none are needed. Not a secret.
     */
    @NonNull
    default String getTrustedCertificates() {
        return "";
    }

    /** Names the credential in credential lists as {@code clientId @ host (description)}. */
    class NameProvider extends CredentialsNameProvider<JamaApiClientCredentials> {

        @NonNull
        @Override
        public String getName(@NonNull JamaApiClientCredentials credentials) {
            return label(credentials.getClientId(), credentials.getBaseUrl(), credentials.getDescription());
        }

        @NonNull
        static String label(@NonNull String clientId, @NonNull String baseUrl, @CheckForNull String description) {
            String label = clientId + " @ " + host(baseUrl);
            String trimmedDescription = description == null ? "" : description.strip();
            return trimmedDescription.isEmpty() ? label : label + " (" + trimmedDescription + ")";
        }

        private static String host(String baseUrl) {
            try {
                return Objects.requireNonNullElse(URI.create(baseUrl).getHost(), baseUrl);
            } catch (IllegalArgumentException e) {
                return baseUrl;
            }
        }
    }
}
