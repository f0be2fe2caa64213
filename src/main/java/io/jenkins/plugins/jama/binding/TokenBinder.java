package io.jenkins.plugins.jama.binding;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.jama.JamaTokens;
import io.jenkins.plugins.jama.client.AccessToken;
import io.jenkins.plugins.jama.client.JamaException;
import io.jenkins.plugins.jama.client.JamaUser;
import io.jenkins.plugins.jama.client.TokenLease;
import io.jenkins.plugins.jama.credentials.JamaApiClientCredentials;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the step, the build wrapper and the binding share: find the credential as the build may, record its use, get a
 * token from the controller-wide cache, say so in one line and keep it in the build's {@link JamaAuditAction}. Runs on the controller, never on the CPS thread.
 */
final class TokenBinder {

    private static final Logger LOGGER = Logger.getLogger(TokenBinder.class.getName());

    private TokenBinder() {}

    /**
     * @param binding the Pipeline symbol of what asks, for the build's {@link JamaAuditAction}
     * @throws AbortException with a message that says what to fix, for every failure the user can act on
     */
    static @NonNull BoundToken bind(
            @NonNull Run<?, ?> run,
            @NonNull TaskListener listener,
            @NonNull String credentialsId,
            @NonNull Duration minRemaining,
            @NonNull String binding)
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
        Instant now = Instant.now();
        listener.getLogger().println(describe(credentialsId, baseUrl, lease, minRemaining, now));
        String blockId = UUID.randomUUID().toString();
        JamaAuditAction.record(run, new JamaAuditAction.TokenUse(blockId, credentialsId, baseUrl, binding, lease, now));
        return new BoundToken(blockId, credentials, lease.token(), lease.issuedAt(), baseUrl);
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

    /**
     * The one line a build prints when it binds a token: which credential and site, minted or reused, until when.
     * Never contains the token or the client secret: only the lease's expiry and how it was obtained.
     *
     * @param asked the minimum validity the binding asked for, named when Jama's tokens live shorter
     */
    static @NonNull String describe(
            @NonNull String credentialsId,
            @NonNull String baseUrl,
            @NonNull TokenLease lease,
            @NonNull Duration asked,
            @NonNull Instant now) {
        Instant expiresAt = lease.token().expiresAt();
        String minutesLeft = String.valueOf(lease.token().remainingAt(now).toMinutes());
        String validUntil = expiresAt.truncatedTo(ChronoUnit.SECONDS).toString();
        JamaUser user = lease.user();
        String userName = user == null ? Messages.TokenBinder_unknownUser() : user.username();
        String line = lease.reused()
                ? Messages.TokenBinder_reused(credentialsId, baseUrl, validUntil, minutesLeft, userName)
                : Messages.TokenBinder_minted(credentialsId, baseUrl, validUntil, minutesLeft, userName);
        JamaException userUnknown = lease.userUnknown();
        if (userUnknown != null) {
            line += " " + Messages.TokenBinder_userUnknown(userUnknown.getMessage());
        }
        Duration shortLifetime = lease.shortLifetime();
        if (shortLifetime != null) {
            line += " "
                    + Messages.TokenBinder_shortLifetime(
                            String.valueOf(shortLifetime.toMinutes()), String.valueOf(asked.toMinutes()));
        }
        JamaException refreshFailure = lease.refreshFailure();
        if (refreshFailure != null) {
            line += " " + Messages.TokenBinder_refreshFailed(refreshFailure.getMessage());
        }
        return line;
    }

    /**
     * A token obtained for a block of a build, the site address it works with, and what renewing it needs.
     * {@link #toString()} hides the token.
     *
     * @param blockId names the block in the build's {@link JamaAuditAction} and among the {@link RenewingToken}s
     * @param issuedAt when the request for the token started, which gives its lifetime
     */
    record BoundToken(
            @NonNull String blockId,
            @NonNull JamaApiClientCredentials credentials,
            @NonNull AccessToken accessToken,
            @NonNull Instant issuedAt,
            @NonNull String baseUrl) {

        @NonNull
        String token() {
            return accessToken.value();
        }

        @Override
        public String toString() {
            return "BoundToken[" + blockId + ", " + accessToken + ", " + baseUrl + "]";
        }
    }
}
