package io.jenkins.plugins.jama;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import io.jenkins.plugins.jama.client.ClientCredentials;
import io.jenkins.plugins.jama.client.JamaBaseUrl;
import io.jenkins.plugins.jama.client.JamaException;
import io.jenkins.plugins.jama.client.JamaTokenClient;
import io.jenkins.plugins.jama.client.TokenAndUser;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the Test Connection button does: mint a token with the values in the form, without caching it, and ask Jama
 * whom it belongs to.
 */
final class ConnectionTest {

    private static final Logger LOGGER = Logger.getLogger(ConnectionTest.class.getName());

    private final JamaTokenClient client;
    private final Clock clock;

    ConnectionTest(@NonNull JamaTokenClient client, @NonNull Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /** @param clientSecret the plain secret, already decrypted when the form sent back the stored one */
    @NonNull
    FormMessage run(@CheckForNull String baseUrl, @CheckForNull String clientId, @CheckForNull String clientSecret) {
        JamaBaseUrl url;
        try {
            url = JamaBaseUrl.parse(baseUrl, JamaBaseUrl.Scheme.HTTP_ALLOWED);
        } catch (JamaException e) {
            return ConnectionTestReport.failed(e);
        }
        String id = CredentialFields.trim(clientId);
        String secret = CredentialFields.trim(clientSecret);
        String problem = CredentialFields.clientIdProblem(id);
        if (problem == null) {
            problem = CredentialFields.clientSecretProblem(secret);
        }
        if (problem != null) {
            return FormMessage.error(problem);
        }
        try {
            // One deadline for both calls: the person at the button waits at most that long.
            TokenAndUser answer = client.requestTokenAndUser(new ClientCredentials(url, id, secret));
            return ConnectionTestReport.connected(
                    answer.user(), answer.token().remainingAt(clock.instant()), url.isHttps());
        } catch (JamaException e) {
            LOGGER.log(Level.FINE, "Test Connection to {0} failed: {1}", new Object[] {url, e.getReason()});
            return ConnectionTestReport.failed(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FormMessage.error(Messages.ConnectionTest_interrupted());
        } catch (RuntimeException e) {
            // The client maps every expected failure to a JamaException; anything else is a bug worth a log entry.
            LOGGER.log(Level.WARNING, "Test Connection to " + url + " failed unexpectedly", e);
            return FormMessage.error(
                    Messages.ConnectionTest_unexpected(e.getClass().getSimpleName()));
        }
    }
}
