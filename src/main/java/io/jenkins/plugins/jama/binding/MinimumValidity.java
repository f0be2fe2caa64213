package io.jenkins.plugins.jama.binding;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.time.Duration;

/**
 * How long a bound token must still be valid when the block starts. Jama tokens live about an hour, so the default
 * asks for a token with most of that life left; the cache mints a fresh one when Jama's tokens live shorter.
 */
public final class MinimumValidity {

    public static final int DEFAULT_MINUTES = 50;

    /** A day: far beyond any Jama token, so a larger number can only be a typo (seconds instead of minutes). */
    public static final int MAX_MINUTES = 24 * 60;

    private MinimumValidity() {}

    /** Why {@code minutes} cannot be used, or {@code null} when it can. */
    public static @CheckForNull String problem(int minutes) {
        if (minutes < 1 || minutes > MAX_MINUTES) {
            return Messages.MinimumValidity_outOfRange(String.valueOf(minutes), String.valueOf(MAX_MINUTES));
        }
        return null;
    }

    /** Like {@link #problem(int)} for text typed into a form. */
    public static @CheckForNull String problem(@CheckForNull String minutes) {
        if (minutes == null || minutes.isBlank()) {
            return null;
        }
        try {
            return problem(Integer.parseInt(minutes.trim()));
        } catch (NumberFormatException e) {
            return Messages.MinimumValidity_notANumber(minutes.trim());
        }
    }

    /** The minutes set, or the default when none were (a blank form field, or a Pipeline that left it out). */
    public static int orDefault(@CheckForNull Integer minutes) {
        return minutes == null ? DEFAULT_MINUTES : minutes;
    }

    public static @NonNull Duration toDuration(int minutes) {
        return Duration.ofMinutes(minutes);
    }
}
