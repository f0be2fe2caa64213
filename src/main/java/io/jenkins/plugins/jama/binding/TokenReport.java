package io.jenkins.plugins.jama.binding;

import edu.umd.cs.findbugs.annotations.NonNull;
import io.jenkins.plugins.jama.client.JamaException;
import io.jenkins.plugins.jama.client.TokenLease;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The one line a build prints when it binds a token: which credential and site, minted or reused, valid until when. */
public final class TokenReport {

    private TokenReport() {}

    /**
     * Never contains the token or the client secret: only the lease's expiry and how it was obtained.
     *
     * @param asked the minimum validity the binding asked for, named when Jama's tokens live shorter
     */
    public static @NonNull String describe(
            @NonNull String credentialsId,
            @NonNull String baseUrl,
            @NonNull TokenLease lease,
            @NonNull Duration asked,
            @NonNull Instant now) {
        Instant expiresAt = lease.token().expiresAt();
        String minutesLeft = String.valueOf(lease.token().remainingAt(now).toMinutes());
        String validUntil = expiresAt.truncatedTo(ChronoUnit.SECONDS).toString();
        String line = lease.reused()
                ? Messages.TokenReport_reused(credentialsId, baseUrl, validUntil, minutesLeft)
                : Messages.TokenReport_minted(credentialsId, baseUrl, validUntil, minutesLeft);
        Duration shortLifetime = lease.shortLifetime();
        if (shortLifetime != null) {
            line += " "
                    + Messages.TokenReport_shortLifetime(
                            String.valueOf(shortLifetime.toMinutes()), String.valueOf(asked.toMinutes()));
        }
        JamaException refreshFailure = lease.refreshFailure();
        if (refreshFailure != null) {
            line += " " + Messages.TokenReport_refreshFailed(refreshFailure.getMessage());
        }
        return line;
    }
}
