package io.jenkins.plugins.jama.client;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.time.Duration;
import java.util.Objects;

/**
 * Limits for calls to Jama. The defaults suit a build waiting for a token: every attempt is bounded, and so is the
 * whole exchange including retries.
 *
 * @param connectTimeout for the {@link java.net.http.HttpClient} the caller builds (the client cannot change it)
 * @param requestTimeout one attempt, from sending the request to the last byte of the answer
 * @param deadline all attempts and the waits between them; no retry starts that could not finish before it
 * @param maxAttempts attempts in total, the first one included
 * @param initialBackoff the wait before the first retry; it doubles for each further one, with jitter
 * @param maxBackoff the longest computed wait (a longer {@code Retry-After} is still honoured within the deadline)
 * @param maxBodyBytes answers longer than this are refused; a token response is a few kilobytes
 * @param userAgent sent as {@code User-Agent}
 */
public record ClientOptions(
        @NonNull Duration connectTimeout,
        @NonNull Duration requestTimeout,
        @NonNull Duration deadline,
        int maxAttempts,
        @NonNull Duration initialBackoff,
        @NonNull Duration maxBackoff,
        int maxBodyBytes,
        @NonNull String userAgent) {

    public ClientOptions {
        Objects.requireNonNull(userAgent);
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(requestTimeout, "requestTimeout");
        requirePositive(deadline, "deadline");
        requirePositive(initialBackoff, "initialBackoff");
        requirePositive(maxBackoff, "maxBackoff");
        if (maxAttempts < 1 || maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxAttempts and maxBodyBytes must be at least 1");
        }
    }

    public static @NonNull ClientOptions defaults() {
        return new ClientOptions(
                Duration.ofSeconds(10),
                Duration.ofSeconds(20),
                Duration.ofSeconds(60),
                5,
                Duration.ofSeconds(2),
                Duration.ofSeconds(15),
                64 * 1024,
                defaultUserAgent());
    }

    public @NonNull ClientOptions withRequestTimeout(@NonNull Duration value) {
        return new ClientOptions(
                connectTimeout, value, deadline, maxAttempts, initialBackoff, maxBackoff, maxBodyBytes, userAgent);
    }

    public @NonNull ClientOptions withDeadline(@NonNull Duration value) {
        return new ClientOptions(
                connectTimeout,
                requestTimeout,
                value,
                maxAttempts,
                initialBackoff,
                maxBackoff,
                maxBodyBytes,
                userAgent);
    }

    public @NonNull ClientOptions withMaxAttempts(int value) {
        return new ClientOptions(
                connectTimeout, requestTimeout, deadline, value, initialBackoff, maxBackoff, maxBodyBytes, userAgent);
    }

    /** @param pluginVersion such as {@code 1.42.v0123abcd}, to name in the {@code User-Agent} header */
    public @NonNull ClientOptions withPluginVersion(@NonNull String pluginVersion) {
        return new ClientOptions(
                connectTimeout,
                requestTimeout,
                deadline,
                maxAttempts,
                initialBackoff,
                maxBackoff,
                maxBodyBytes,
                userAgent(pluginVersion));
    }

    private static String defaultUserAgent() {
        String version = ClientOptions.class.getPackage().getImplementationVersion();
        return userAgent(version == null ? "unknown" : version);
    }

    private static String userAgent(String pluginVersion) {
        return "jama-credentials-plugin/" + pluginVersion + " (Jenkins; Java "
                + Runtime.version().feature() + ")";
    }

    private static void requirePositive(Duration value, String name) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
