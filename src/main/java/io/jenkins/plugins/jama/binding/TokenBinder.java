package io.jenkins.plugins.jama.binding;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.jama.JamaApiClientCredentials;
import io.jenkins.plugins.jama.JamaTokens;
import io.jenkins.plugins.jama.client.JamaException;
import io.jenkins.plugins.jama.client.TokenLease;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the step, the build wrapper and the binding share: find the credential as the build may, record its use, get a
 * token from the controller-wide cache and say so in one line. Runs on the controller, never on the CPS thread.
 */
final class TokenBinder {

    private static final Logger LOGGER = Logger.getLogger(TokenBinder.class.getName());

    private TokenBinder() {}

    /** @throws AbortException with a message that says what to fix, for every failure the user can act on */
    static @NonNull BoundToken bind(
            @NonNull Run<?, ?> run,
            @NonNull TaskListener listener,
            @NonNull String credentialsId,
            @NonNull Duration minRemaining)
            throws IOException, InterruptedException {
        JamaApiClientCredentials credentials = find(run, credentialsId);
        String baseUrl;
        TokenLease lease;
        try {
            baseUrl = JamaTokens.toClientCredentials(credentials).baseUrl().toString();
            lease = JamaTokens.obtain(credentials, minRemaining);
        } catch (JamaException e) {
            LOGGER.log(
                    Level.FINE, "No Jama token for credentials {0}: {1}", new Object[] {credentialsId, e.getReason()});
            throw new AbortException(Messages.TokenBinder_failed(credentialsId, e.getMessage()));
        }
        listener.getLogger().println(TokenReport.describe(credentialsId, baseUrl, lease, minRemaining, Instant.now()));
        return new BoundToken(lease.token().value(), baseUrl);
    }

    /**
     * Looks the credential up with the build's authentication (folder stores and credentials parameters included)
     * and records its use; a miss is looked up again without the type only to tell "wrong type" from "not found".
     */
    static @NonNull JamaApiClientCredentials find(@NonNull Run<?, ?> run, @NonNull String credentialsId)
            throws AbortException {
        if (credentialsId.isBlank()) {
            throw new AbortException(Messages.TokenBinder_noCredentialsId());
        }
        JamaApiClientCredentials credentials =
                CredentialsProvider.findCredentialById(credentialsId, JamaApiClientCredentials.class, run);
        if (credentials == null) {
            IdCredentials other = CredentialsProvider.findCredentialById(credentialsId, IdCredentials.class, run);
            if (other != null) {
                throw new AbortException(Messages.TokenBinder_wrongType(
                        credentialsId, other.getDescriptor().getDisplayName()));
            }
            throw new AbortException(Messages.TokenBinder_notFound(credentialsId));
        }
        CredentialsProvider.track(run, credentials);
        return credentials;
    }
}
