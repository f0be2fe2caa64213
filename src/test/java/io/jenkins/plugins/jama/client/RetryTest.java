package io.jenkins.plugins.jama.client;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jenkins.plugins.jama.client.JamaException.Reason;
import io.jenkins.plugins.jama.fake.FakeJamaServer;
import io.jenkins.plugins.jama.fake.ManualClock;
import io.jenkins.plugins.jama.fake.RecordingSleeper;
import io.jenkins.plugins.jama.fake.TokenMode;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Retries against the fake Jama, with a clock and sleeper that only pretend to wait. */
class RetryTest {

    private final ManualClock clock = new ManualClock();
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private final FakeJamaServer jama = FakeJamaServer.http().start();

    @AfterEach
    void stopJama() {
        jama.close();
    }

    @ParameterizedTest
    @EnumSource(
            value = TokenMode.class,
            names = {"SERVER_ERROR", "BAD_GATEWAY", "RATE_LIMITED", "DROP_CONNECTION"})
    void transientFailuresAreRetriedWithGrowingWaits(TokenMode failure) throws Exception {
        jama.thenAnswer(failure, failure, failure);

        AccessToken token = client(ClientOptions.defaults()).requestToken(credentials());

        assertThat(token.value().isEmpty(), is(false));
        assertThat(jama.tokenRequests(), is(4));
        assertThat(sleeper.waits(), contains(seconds(2), seconds(4), seconds(8)));
    }

    @Test
    void waitsAreCappedAndStopAtTheAttemptLimit() {
        jama.tokenMode(TokenMode.SERVER_ERROR);
        ClientOptions options = ClientOptions.defaults().withMaxAttempts(6).withDeadline(Duration.ofMinutes(5));

        JamaException e =
                assertThrows(JamaException.class, () -> client(options).requestToken(credentials()));

        assertThat(e.getReason(), is(Reason.SERVER_ERROR));
        assertThat(jama.tokenRequests(), is(6));
        assertThat(sleeper.waits(), contains(seconds(2), seconds(4), seconds(8), seconds(15), seconds(15)));
    }

    @Test
    void jitterSpreadsTheWaitsBetweenHalfAndAllOfTheBackoff() throws Exception {
        jama.thenAnswer(TokenMode.SERVER_ERROR, TokenMode.SERVER_ERROR);
        RetryLoop.Backoff lowest = new RetryLoop.Backoff(Duration.ofSeconds(2), Duration.ofSeconds(15), () -> 0.0);

        new JamaTokenClient(jama.newHttpClient(), ClientOptions.defaults(), clock, sleeper, lowest, null)
                .requestToken(credentials());

        assertThat(sleeper.waits(), contains(seconds(1), seconds(2)));
    }

    @Test
    void honoursRetryAfterInSeconds() throws Exception {
        jama.retryAfter("7").thenAnswer(TokenMode.RATE_LIMITED_WITH_RETRY_AFTER);

        client(ClientOptions.defaults()).requestToken(credentials());

        assertThat(sleeper.waits(), contains(seconds(7)));
    }

    @Test
    void honoursRetryAfterAsAnHttpDate() throws Exception {
        String inTwentySeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                clock.instant().plusSeconds(20).atOffset(ZoneOffset.UTC));
        jama.retryAfter(inTwentySeconds).thenAnswer(TokenMode.RATE_LIMITED_WITH_RETRY_AFTER);

        client(ClientOptions.defaults()).requestToken(credentials());

        assertThat(sleeper.waits(), contains(seconds(20)));
    }

    @Test
    void aShortRetryAfterDoesNotShortenTheBackoff() throws Exception {
        jama.retryAfter("0").thenAnswer(TokenMode.RATE_LIMITED_WITH_RETRY_AFTER);

        client(ClientOptions.defaults()).requestToken(credentials());

        assertThat(sleeper.waits(), contains(seconds(2)));
    }

    @Test
    void givesUpAtOnceWhenRetryAfterEndsPastTheDeadline() {
        jama.retryAfter("120").tokenMode(TokenMode.RATE_LIMITED_WITH_RETRY_AFTER);

        JamaException e = assertThrows(
                JamaException.class, () -> client(ClientOptions.defaults()).requestToken(credentials()));

        assertThat(e.getReason(), is(Reason.RATE_LIMITED));
        assertThat(e.getRetryAfter(), is(seconds(120)));
        assertThat(jama.tokenRequests(), is(1));
        assertThat(sleeper.waits(), is(empty()));
    }

    @ParameterizedTest
    @CsvSource({
        "RATE_LIMITED_WITH_RETRY_AFTER, 100000000000000000, RATE_LIMITED",
        "RATE_LIMITED_WITH_RETRY_AFTER, 9223372036854775807, RATE_LIMITED",
        "RATE_LIMITED_WITH_RETRY_AFTER, 'Fri, 31 Dec 9999 23:59:59 GMT', RATE_LIMITED",
        "UNAVAILABLE_WITH_RETRY_AFTER, 100000000000000000, SERVER_ERROR",
        "UNAVAILABLE_WITH_RETRY_AFTER, 9223372036854775807, SERVER_ERROR",
        "UNAVAILABLE_WITH_RETRY_AFTER, 'Fri, 31 Dec 9999 23:59:59 GMT', SERVER_ERROR",
    })
    void aHugeRetryAfterEndsAsTheUsualFailure(TokenMode mode, String retryAfter, Reason expected) {
        jama.retryAfter(retryAfter).tokenMode(mode);

        JamaException e = assertThrows(
                JamaException.class, () -> client(ClientOptions.defaults()).requestToken(credentials()));

        assertThat(e.getReason(), is(expected));
        assertThat(e.getRetryAfter(), is(Duration.ofDays(1)));
        assertThat(jama.tokenRequests(), is(1));
        assertThat(sleeper.waits(), is(empty()));
    }

    @ParameterizedTest
    @CsvSource({
        "RATE_LIMITED_WITH_RETRY_AFTER, 9223372036854775807, RATE_LIMITED",
        "UNAVAILABLE_WITH_RETRY_AFTER, 'Fri, 31 Dec 9999 23:59:59 GMT', SERVER_ERROR",
    })
    void aHugeRetryAfterReachesTheCacheAsTheUsualFailure(TokenMode mode, String retryAfter, Reason expected) {
        jama.retryAfter(retryAfter).tokenMode(mode);
        TokenCache cache = new TokenCache(clock, 10);

        JamaException e = assertThrows(
                JamaException.class,
                () -> cache.get(credentials(), Duration.ofMinutes(50), client(ClientOptions.defaults())));

        assertThat(e.getReason(), is(expected));
    }

    @Test
    void noWaitEndsAfterTheDeadline() {
        jama.tokenMode(TokenMode.SERVER_ERROR);
        ClientOptions options = ClientOptions.defaults().withMaxAttempts(100).withDeadline(Duration.ofSeconds(20));

        JamaException e =
                assertThrows(JamaException.class, () -> client(options).requestToken(credentials()));

        assertThat(e.getReason(), is(Reason.SERVER_ERROR));
        // 2 + 4 + 8 = 14 s; the next wait (15 s) would end after the 20 s deadline
        assertThat(sleeper.waits(), contains(seconds(2), seconds(4), seconds(8)));
        assertThat(jama.tokenRequests(), is(4));
    }

    @ParameterizedTest
    @EnumSource(
            value = TokenMode.class,
            names = {
                "INVALID_CLIENT",
                "UNSUPPORTED_GRANT",
                "FORBIDDEN_NOT_PERMITTED",
                "HTML_LOGIN_PAGE",
                "REDIRECT_TO_LOGIN",
                "REDIRECT_TO_OTHER_HOST",
                "MISSING_ACCESS_TOKEN",
                "OVERSIZED_BODY",
                "NOT_JSON"
            })
    void configurationErrorsAreNeverRetried(TokenMode failure) {
        jama.tokenMode(failure);

        JamaException e = assertThrows(
                JamaException.class, () -> client(ClientOptions.defaults()).requestToken(credentials()));

        assertThat(e.isRetryable(), is(false));
        assertThat(jama.tokenRequests(), is(1));
        assertThat(sleeper.waits(), is(empty()));
    }

    @Test
    void notFoundIsNeverRetried() throws Exception {
        ClientCredentials elsewhere = new ClientCredentials(
                JamaBaseUrl.parse(jama.baseUrl() + "/nothing-here"), jama.clientId(), jama.clientSecret());

        JamaException e = assertThrows(
                JamaException.class, () -> client(ClientOptions.defaults()).requestToken(elsewhere));

        assertThat(e.getReason(), is(Reason.NO_TOKEN_ENDPOINT));
        assertThat(jama.tokenRequests(), is(0));
        assertThat(sleeper.waits(), is(empty()));
    }

    private static Duration seconds(long seconds) {
        return Duration.ofSeconds(seconds);
    }

    /** Jitter pinned to its top, so the waits are exactly the backoff. */
    private JamaTokenClient client(ClientOptions options) {
        RetryLoop.Backoff highest = new RetryLoop.Backoff(options.initialBackoff(), options.maxBackoff(), () -> 1.0);
        return new JamaTokenClient(jama.newHttpClient(), options, clock, sleeper, highest, null);
    }

    private ClientCredentials credentials() throws JamaException {
        return new ClientCredentials(JamaBaseUrl.parse(jama.baseUrl()), jama.clientId(), jama.clientSecret());
    }
}
