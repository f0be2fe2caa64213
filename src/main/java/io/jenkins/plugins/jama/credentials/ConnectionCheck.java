package io.jenkins.plugins.jama.credentials;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import io.jenkins.plugins.jama.client.ClientCredentials;
import io.jenkins.plugins.jama.client.JamaBaseUrl;
import io.jenkins.plugins.jama.client.JamaException;
import io.jenkins.plugins.jama.client.JamaTokenClient;
import io.jenkins.plugins.jama.client.JamaUser;
import io.jenkins.plugins.jama.client.TokenCache;
import io.jenkins.plugins.jama.client.TokenSource;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the Test Connection button does, and the words it shows: mint a new token with the values in the form, whatever is cached, and ask
 * Jama whom it belongs to. A token that works replaces the cached one for those credentials, so builds use what was
 * just proven; credentials Jama rejects lose their cached token, so builds do not go on with a token of a deleted
 * credential.
 */
final class ConnectionCheck {

    private static final Logger LOGGER = Logger.getLogger(ConnectionCheck.class.getName());

    private final JamaTokenClient client;
    private final TokenCache cache;
    private final Clock clock;

    /** @param cache the {@link TokenCache#shared() shared} cache, the one builds use, outside tests */
    ConnectionCheck(@NonNull JamaTokenClient client, @NonNull TokenCache cache, @NonNull Clock clock) {
        this.client = client;
        this.cache = cache;
        this.clock = clock;
    }

    /** @param clientSecret the plain secret, already decrypted when the form sent back the stored one */
    @NonNull
    FormMessage run(@CheckForNull String baseUrl, @CheckForNull String clientId, @CheckForNull String clientSecret) {
        String secret = CredentialChecks.trim(clientSecret);
        ClientCredentials credentials;
        try {
            credentials = new ClientCredentials(JamaBaseUrl.parse(baseUrl), CredentialChecks.trim(clientId), secret);
        } catch (JamaException e) {
            return failed(e);
        }
        JamaBaseUrl url = credentials.baseUrl();
        String secretProblem = CredentialChecks.clientSecretProblem(secret);
        if (secretProblem != null) {
            return FormMessage.error(secretProblem);
        }
        try {
            // One deadline for both calls: the person at the button waits at most that long.
            TokenSource.Minted answer = client.mint(credentials);
            JamaUser user = answer.user();
            if (user == null) {
                throw Objects.requireNonNull(answer.userUnknown());
            }
            cache.put(credentials, answer.token(), user);
            return connected(user, answer.token().remainingAt(clock.instant()), url.isHttps());
        } catch (JamaException e) {
            LOGGER.log(Level.FINE, "Test Connection to {0} failed: {1}", new Object[] {url, e.getReason()});
            if (e.getReason() == JamaException.Reason.INVALID_CLIENT
                    || e.getReason() == JamaException.Reason.TOKEN_REQUEST_REFUSED) {
                cache.remove(credentials);
            }
            return failed(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FormMessage.error(Messages.ConnectionCheck_interrupted());
        } catch (RuntimeException e) {
            // The client maps every expected failure to a JamaException; anything else is a bug worth a log entry.
            LOGGER.log(Level.WARNING, "Test Connection to " + url + " failed unexpectedly", e);
            return FormMessage.error(
                    Messages.ConnectionCheck_unexpected(e.getClass().getSimpleName()));
        }
    }

    // ---- the words

    static @NonNull FormMessage connected(@NonNull JamaUser user, @NonNull Duration tokenRemaining, boolean https) {
        String minutes = String.valueOf(roundedMinutes(tokenRemaining));
        String licenceType = user.licenseType();
        String text = licenceType == null || licenceType.isBlank()
                ? Messages.ConnectionCheck_connectedWithoutLicence(user.username(), minutes)
                : Messages.ConnectionCheck_connected(user.username(), licenceType, minutes);
        return https ? FormMessage.ok(text) : FormMessage.warning(text + ". " + Messages.ConnectionCheck_unencrypted());
    }

    /** The client's message already names the address and what to fix, and never holds a secret. */
    static @NonNull FormMessage failed(@NonNull JamaException e) {
        return FormMessage.error(e.getMessage());
    }

    /** A fresh token that lives 3599 seconds reads as 60 min, the lifetime Jama documents. */
    static long roundedMinutes(@NonNull Duration remaining) {
        return (Math.max(0, remaining.getSeconds()) + 30) / 60;
    }
}
