package io.jenkins.plugins.jama.binding;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * A copy of a failure whose messages had a secret in them, with the secret replaced by {@code ****}. The stack trace
 * is kept; the exception type shows up in the message so the cause stays recognisable.
 */
@Restricted(NoExternalUse.class)
public final class MaskedFailure extends Exception {

    private static final long serialVersionUID = 1L;

    static final String MASK = "****";

    private MaskedFailure(String message) {
        super(message);
    }

    /**
     * {@code failure} itself when nothing in it (message, causes, suppressed failures) matches {@code secrets};
     * otherwise a masked copy.
     */
    public static @NonNull Throwable mask(@NonNull Throwable failure, @NonNull Pattern secrets) {
        if (secrets.pattern().isEmpty()) {
            return failure;
        }
        return mask(failure, secrets, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    /** The message of {@code failure} with {@code secrets} replaced, for callers that rebuild their own type. */
    public static @NonNull String maskedMessage(@NonNull Throwable failure, @NonNull Pattern secrets) {
        String message = Objects.requireNonNullElse(failure.getMessage(), "");
        return secrets.pattern().isEmpty() ? message : secrets.matcher(message).replaceAll(MASK);
    }

    /** Whether the printed failure, with its causes and suppressed failures, shows a secret. */
    public static boolean reveals(@NonNull Throwable failure, @NonNull Pattern secrets) {
        if (secrets.pattern().isEmpty()) {
            return false;
        }
        StringWriter printed = new StringWriter();
        failure.printStackTrace(new PrintWriter(printed));
        return secrets.matcher(printed.toString()).find();
    }

    private static Throwable mask(Throwable failure, Pattern secrets, Set<Throwable> visited) {
        if (!visited.add(failure)) {
            return new MaskedFailure(Messages.MaskedFailure_cycle());
        }
        if (!reveals(failure, secrets)) {
            return failure;
        }
        MaskedFailure masked = new MaskedFailure(
                Messages.MaskedFailure_message(failure.getClass().getName(), maskedMessage(failure, secrets)));
        masked.setStackTrace(failure.getStackTrace());
        Throwable cause = failure.getCause();
        if (cause != null) {
            masked.initCause(mask(cause, secrets, visited));
        }
        for (Throwable suppressed : failure.getSuppressed()) {
            masked.addSuppressed(mask(suppressed, secrets, visited));
        }
        return masked;
    }
}
