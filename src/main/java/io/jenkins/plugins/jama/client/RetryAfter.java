package io.jenkins.plugins.jama.client;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Reads a {@code Retry-After} header: delay seconds or an HTTP date (RFC 9110 section 10.2.3). */
final class RetryAfter {

    /**
     * Longer waits are cut to this. Any wait past the retry deadline ends the retries anyway; the cut keeps
     * arithmetic on a value from the server (up to {@code 9223372036854775807} seconds, or the year 9999) from
     * overflowing.
     */
    static final Duration MAX = Duration.ofDays(1);

    private RetryAfter() {}

    /** @return the wait it asks for, between zero and {@link #MAX}, or {@code null} when absent or unreadable */
    static Duration parse(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        if (value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            String digits = value.replaceFirst("^0+(?=.)", "");
            return digits.length() > 6 ? MAX : atMostADay(Duration.ofSeconds(Long.parseLong(digits)));
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            return at.isAfter(now) ? atMostADay(Duration.between(now, at)) : Duration.ZERO;
        } catch (DateTimeException | ArithmeticException e) {
            return null;
        }
    }

    private static Duration atMostADay(Duration wait) {
        return wait.compareTo(MAX) > 0 ? MAX : wait;
    }
}
