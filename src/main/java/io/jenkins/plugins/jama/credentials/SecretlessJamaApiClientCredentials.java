package io.jenkins.plugins.jama.credentials;

import com.cloudbees.plugins.credentials.CredentialsDescriptor;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.util.Secret;
import java.io.Serial;

/**
 * What an agent receives instead of a {@link JamaApiClientCredentialsImpl}: the same ID, site and client ID, and no
 * client secret at all, not even encrypted. Agents only ever get tokens, minted on the controller.
 */
final class SecretlessJamaApiClientCredentials implements JamaApiClientCredentials {

    @Serial
    private static final long serialVersionUID = 1L;

    @CheckForNull
    private final CredentialsScope scope;

    private final String id;
    private final String description;
    private final String baseUrl;
    private final String clientId;
    private final String trustedCertificates;

    /** Copies everything but the secret, which is never even read. */
    SecretlessJamaApiClientCredentials(@NonNull JamaApiClientCredentials full) {
        this.scope = full.getScope();
        this.id = full.getId();
        this.description = full.getDescription();
        this.baseUrl = full.getBaseUrl();
        this.clientId = full.getClientId();
        this.trustedCertificates = full.getTrustedCertificates();
    }

    @CheckForNull
    @Override
    public CredentialsScope getScope() {
        return scope;
    }

    @NonNull
    @Override
    public String getId() {
        return id;
    }

    @NonNull
    @Override
    public String getDescription() {
        return description;
    }

    @NonNull
    @Override
    public String getBaseUrl() {
        return baseUrl;
    }

    @NonNull
    @Override
    public String getClientId() {
        return clientId;
    }

    @NonNull
    @Override
    public String getTrustedCertificates() {
        return trustedCertificates;
    }

    /** @throws IllegalStateException always: the secret stays on the controller */
    @NonNull
    @Override
    public Secret getClientSecret() {
        throw new IllegalStateException(Messages.SecretlessJamaApiClientCredentials_noSecret(id));
    }

    /** @throws IllegalStateException always: this form only exists away from the controller's extension list */
    @NonNull
    @Override
    public CredentialsDescriptor getDescriptor() {
        throw new IllegalStateException(Messages.SecretlessJamaApiClientCredentials_noSecret(id));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdCredentials other && id.equals(other.getId());
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return JamaApiClientCredentials.NameProvider.label(clientId, baseUrl, description);
    }
}
