package io.jenkins.plugins.jama.client;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-01-02T10:00:00Z");

    @Test
    void readsSeconds() {
        assertThat(RetryAfter.parse(" 30 ", NOW), is(Duration.ofSeconds(30)));
    }

    @Test
    void readsAnHttpDate() {
        assertThat(RetryAfter.parse("Fri, 02 Jan 2026 10:01:30 GMT", NOW), is(Duration.ofSeconds(90)));
    }

    @Test
    void aDateInThePastMeansNoWait() {
        assertThat(RetryAfter.parse("Fri, 02 Jan 2026 09:00:00 GMT", NOW), is(Duration.ZERO));
    }

    @Test
    void aDayIsTheLongestWait() {
        assertThat(RetryAfter.parse("86400", NOW), is(Duration.ofDays(1)));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "86401",
                "100000000000000000",
                "9223372036854775807",
                "99999999999999999999999",
                "Fri, 31 Dec 9999 23:59:59 GMT",
                "Sat, 03 Jan 2026 10:00:01 GMT"
            })
    void anythingLongerCountsAsADay(String header) {
        assertThat(RetryAfter.parse(header, NOW), is(Duration.ofDays(1)));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"soon", "-5", "1.5", "2026-01-02T10:01:30Z"})
    void ignoresWhatItCannotRead(String header) {
        assertThat(RetryAfter.parse(header, NOW), is(nullValue()));
    }
}
