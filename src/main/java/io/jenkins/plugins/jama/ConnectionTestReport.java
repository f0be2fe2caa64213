package io.jenkins.plugins.jama;

import edu.umd.cs.findbugs.annotations.NonNull;
import io.jenkins.plugins.jama.client.JamaException;
import io.jenkins.plugins.jama.client.JamaUser;
import java.time.Duration;

/** The words the Test Connection button shows. */
final class ConnectionTestReport {

    private ConnectionTestReport() {}

    static @NonNull FormMessage connected(@NonNull JamaUser user, @NonNull Duration tokenRemaining, boolean https) {
        String minutes = String.valueOf(roundedMinutes(tokenRemaining));
        String licenceType = user.licenseType();
        String text = licenceType == null || licenceType.isBlank()
                ? Messages.ConnectionTestReport_connectedWithoutLicence(user.username(), minutes)
                : Messages.ConnectionTestReport_connected(user.username(), licenceType, minutes);
        return https
                ? FormMessage.ok(text)
                : FormMessage.warning(text + ". " + Messages.ConnectionTestReport_unencrypted());
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
