package io.jenkins.plugins.jama.credentials;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import io.jenkins.plugins.jama.client.ClientCredentials;
import io.jenkins.plugins.jama.client.JamaBaseUrl;
import io.jenkins.plugins.jama.client.JamaException;
import io.jenkins.plugins.jama.client.TrustedCertificates;
import java.time.Instant;

/**
 * The rules for the credential's fields, shared by the live form checks, by saving and by Test Connection, so that
 * all three say the same thing.
 */
final class CredentialFields {

    static final String BASE_URL = "baseUrl";
    static final String CLIENT_ID = "clientId";
    static final String CLIENT_SECRET = "clientSecret";
    static final String TRUSTED_CERTIFICATES = "trustedCertificates";

    private CredentialFields() {}

    /**
     * The client's own rules; plain http is accepted because the form warns about it.
     *
     * @throws JamaException with a message that says what to fix
     */
    static @NonNull JamaBaseUrl parseBaseUrl(@CheckForNull String input) throws JamaException {
        return JamaBaseUrl.parse(input);
    }

    static @NonNull FormMessage checkBaseUrl(@CheckForNull String input) {
        JamaBaseUrl normalised;
        try {
            normalised = parseBaseUrl(input);
        } catch (JamaException e) {
            return FormMessage.error(e.getMessage());
        }
        if (normalised.isHttps()) {
            return FormMessage.ok(Messages.CredentialFields_willUse(normalised));
        }
        return FormMessage.warning(Messages.CredentialFields_willUseHttp(normalised));
    }

    static @NonNull FormMessage checkClientId(@CheckForNull String input) {
        String problem = ClientCredentials.clientIdProblem(trim(input));
        return problem == null ? FormMessage.ok() : FormMessage.error(problem);
    }

    /**
     * Names each certificate (subject, issuer, expiry) so the admin sees what was pasted; warns when one is expired,
     * not yet valid or not a CA, and refuses text that is not certificates.
     */
    static @NonNull FormMessage checkTrustedCertificates(@CheckForNull String input, @NonNull Instant now) {
        TrustedCertificates trusted;
        try {
            trusted = TrustedCertificates.parse(input);
        } catch (JamaException e) {
            return FormMessage.error(e.getMessage());
        }
        if (trusted.isEmpty()) {
            return FormMessage.ok();
        }
        String text = String.join(" ", trusted.describe(now));
        return trusted.hasWarnings(now) ? FormMessage.warning(text) : FormMessage.ok(text);
    }

    /** @return what is wrong with an already trimmed client secret, or {@code null} when it can be used */
    static @CheckForNull String clientSecretProblem(@NonNull String clientSecret) {
        return clientSecret.isEmpty() ? Messages.CredentialFields_clientSecretBlank() : null;
    }

    /** Pasted values often carry spaces or a line break; Jama's IDs and secrets never do. */
    static @NonNull String trim(@CheckForNull String input) {
        return input == null ? "" : input.strip();
    }
}
