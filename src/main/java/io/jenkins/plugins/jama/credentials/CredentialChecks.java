package io.jenkins.plugins.jama.credentials;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import io.jenkins.plugins.jama.client.ClientCredentials;
import io.jenkins.plugins.jama.client.JamaBaseUrl;
import io.jenkins.plugins.jama.client.JamaException;
import io.jenkins.plugins.jama.client.TrustedCertificates;
import java.time.Instant;

/**
 * The checks of the credential's fields, shared by the live form checks, by saving and by Test Connection, so that
 * all three say the same thing.
 */
final class CredentialChecks {

    private CredentialChecks() {}

    static @NonNull FormMessage checkBaseUrl(@CheckForNull String input) {
        try {
            JamaBaseUrl normalised = JamaBaseUrl.parse(input);
            return normalised.isHttps()
                    ? FormMessage.ok(Messages.CredentialChecks_willUse(normalised))
                    : FormMessage.warning(Messages.CredentialChecks_willUseHttp(normalised));
        } catch (JamaException e) {
            return FormMessage.error(e.getMessage());
        }
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
        try {
            TrustedCertificates trusted = TrustedCertificates.parse(input);
            if (trusted.isEmpty()) {
                return FormMessage.ok();
            }
            String text = String.join(" ", trusted.describe(now));
            return trusted.hasWarnings(now) ? FormMessage.warning(text) : FormMessage.ok(text);
        } catch (JamaException e) {
            return FormMessage.error(e.getMessage());
        }
    }

    /** @return what is wrong with an already trimmed client secret, or {@code null} when it can be used */
    static @CheckForNull String clientSecretProblem(@NonNull String clientSecret) {
        return clientSecret.isEmpty() ? Messages.CredentialChecks_clientSecretBlank() : null;
    }

    /** Pasted values often carry spaces or a line break; Jama's IDs and secrets never do. */
    static @NonNull String trim(@CheckForNull String input) {
        return input == null ? "" : input.strip();
    }
}
