package io.jenkins.plugins.jama.client;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jenkins.plugins.jama.client.JamaException.Reason;
import io.jenkins.plugins.jama.fake.FakeJamaExtension;
import io.jenkins.plugins.jama.fake.FakeJamaServer;
import io.jenkins.plugins.jama.fake.ManualClock;
import io.jenkins.plugins.jama.fake.RecordingSleeper;
import io.jenkins.plugins.jama.fake.TokenMode;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Attempts, backoff and the deadline, against the fake Jama, with a clock and sleeper that only pretend to wait. Waits
 * carry a random jitter, so they are checked against their range: between half and all of the backoff.
 */
class RetryTest {

    private static final JamaHttp.Limits BUILDS = JamaHttp.Limits.FOR_BUILDS;

    private final ManualClock clock = new ManualClock();
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);

    @RegisterExtension
    final FakeJamaExtension fakeJama = new FakeJamaExtension();

    private FakeJamaServer jama;

    @BeforeEach
    void beforeEach(FakeJamaServer jama) {
        this.jama = jama;
    }

    @ParameterizedTest
    @EnumSource(
            value = TokenMode.class,
            names = {"SERVER_ERROR", "BAD_GATEWAY", "RATE_LIMITED", "DROP_CONNECTION"})
    void transientFailuresAreRetriedWithGrowingJitteredWaits(TokenMode failure) throws Exception {
        jama.thenAnswer(failure, failure, failure);

        AccessToken token = client(BUILDS).mint(credentials()).token();

        assertThat(token.value().isEmpty(), is(false));
        assertThat(jama.tokenRequests(), is(4));
        assertThat(sleeper.waits(), contains(backoff(2), backoff(4), backoff(8)));
    }

    @Test
    void waitsAreCappedAndStopAtTheAttemptLimit() {
        jama.tokenMode(TokenMode.SERVER_ERROR);

        JamaException e = assertThrows(
                JamaException.class,
                () -> client(new JamaHttp.Limits(6, Duration.ofMinutes(5))).mint(credentials()));

        assertThat(e.getReason(), is(Reason.SERVER_ERROR));
        assertThat(jama.tokenRequests(), is(6));
        assertThat(sleeper.waits(), contains(backoff(2), backoff(4), backoff(8), backoff(15), backoff(15)));
    }

    @Test
    void honoursRetryAfterInSeconds() throws Exception {
        jama.retryAfter("7").thenAnswer(TokenMode.RATE_LIMITED_WITH_RETRY_AFTER);

        client(BUILDS).mint(credentials());

        assertThat(sleeper.waits(), contains(seconds(7)));
    }

    @Test
    void honoursRetryAfterAsAnHttpDate() throws Exception {
        String inTwentySeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                clock.instant().plusSeconds(20).atOffset(ZoneOffset.UTC));
        jama.retryAfter(inTwentySeconds).thenAnswer(TokenMode.RATE_LIMITED_WITH_RETRY_AFTER);

        client(BUILDS).mint(credentials());

        assertThat(sleeper.waits(), contains(seconds(20)));
    }

    @Test
    void aShortRetryAfterDoesNotShortenTheBackoff() throws Exception {
        jama.retryAfter("0").thenAnswer(TokenMode.RATE_LIMITED_WITH_RETRY_AFTER);

        client(BUILDS).mint(credentials());

        assertThat(sleeper.waits(), contains(backoff(2)));
    }

    @Test
    void givesUpAtOnceWhenRetryAfterEndsPastTheDeadline() {
        jama.retryAfter("120").tokenMode(TokenMode.RATE_LIMITED_WITH_RETRY_AFTER);

        JamaException e = assertThrows(JamaException.class, () -> client(BUILDS).mint(credentials()));

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

        JamaException e = assertThrows(JamaException.class, () -> client(BUILDS).mint(credentials()));

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
                JamaException.class, () -> cache.get(credentials(), Duration.ofMinutes(50), client(BUILDS)));

        assertThat(e.getReason(), is(expected));
    }

    @Test
    void noWaitEndsAfterTheDeadline() {
        jama.tokenMode(TokenMode.SERVER_ERROR);

        JamaException e = assertThrows(
                JamaException.class,
                () -> client(new JamaHttp.Limits(100, Duration.ofSeconds(20))).mint(credentials()));

        assertThat(e.getReason(), is(Reason.SERVER_ERROR));
        Duration waited = sleeper.waits().stream().reduce(Duration.ZERO, Duration::plus);
        assertThat(waited, lessThan(seconds(20)));
        assertThat(jama.tokenRequests(), is(sleeper.waits().size() + 1));
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

        JamaException e = assertThrows(JamaException.class, () -> client(BUILDS).mint(credentials()));

        assertThat(e.getReason().isRetryable(), is(false));
        assertThat(jama.tokenRequests(), is(1));
        assertThat(sleeper.waits(), is(empty()));
    }

    @Test
    void notFoundIsNeverRetried() throws Exception {
        ClientCredentials elsewhere = new ClientCredentials(
                JamaBaseUrl.parse(jama.baseUrl() + "/nothing-here"), jama.clientId(), jama.clientSecret());

        JamaException e = assertThrows(JamaException.class, () -> client(BUILDS).mint(elsewhere));

        assertThat(e.getReason(), is(Reason.NO_TOKEN_ENDPOINT));
        assertThat(jama.tokenRequests(), is(0));
        assertThat(sleeper.waits(), is(empty()));
    }

    @Test
    void aTimeoutSaysHowLongWasWaitedInAllAndHowManyAttemptsWereMade() {
        // 20 s attempt, 1-2 s wait, 20 s attempt, 2-4 s wait, then what is left of 60 s; the next wait would end
        // after the deadline
        JamaException e =
                assertThrows(JamaException.class, () -> timingOut(BUILDS, true).mint(credentials()));

        assertThat(e.getReason(), is(Reason.TIMEOUT));
        assertThat(e.getReason().isRetryable(), is(true));
        assertThat(e.getMessage(), containsString("did not answer within 60 seconds (3 attempts)"));
        assertThat(e.getMessage(), containsString(jama.tokenUri().toString()));
    }

    @Test
    void aTimeoutRoundsUpToWholeSecondsAndNeverSaysZero() {
        JamaException twoAndAHalf = assertThrows(
                JamaException.class,
                () -> timingOut(new JamaHttp.Limits(5, Duration.ofMillis(2500)), true)
                        .mint(credentials()));
        JamaException quick = assertThrows(
                JamaException.class,
                () -> timingOut(new JamaHttp.Limits(1, Duration.ofSeconds(60)), false)
                        .mint(credentials()));

        assertThat(twoAndAHalf.getMessage(), containsString("did not answer within 3 seconds (1 attempt)"));
        assertThat(quick.getMessage(), containsString("did not answer within 1 second (1 attempt)"));
    }

    @Test
    void theUserCallGetsOnlyWhatIsLeftOfTheDeadline() throws Exception {
        jama.onTokenRequest(() -> clock.advance(seconds(50)));
        RecordingHttpClient http = new RecordingHttpClient(jama.newHttpClient(), clock, false, false);

        new JamaTokenClient(new JamaHttp(http, null, BUILDS, "test", clock, sleeper)).mint(credentials());

        assertThat(http.timeouts, contains(seconds(20), seconds(10)));
    }

    @Test
    void anUnexpectedRuntimeExceptionBecomesAMalformedResponseThatNamesTheAddressOnly() {
        String serverText = jama.clientSecret();
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger logger = Logger.getLogger(JamaHttp.class.getName());
        logger.addHandler(handler);
        JamaException e;
        try {
            JamaHttp http = new JamaHttp(jama.newHttpClient(), null, BUILDS, "test", clock, sleeper);
            e = assertThrows(
                    JamaException.class,
                    () -> http.call(
                            HttpRequest.newBuilder(jama.tokenUri()), jama.tokenUri(), clock.instant(), (r, t) -> {
                                throw new IllegalStateException("Jama said " + serverText);
                            }));
        } finally {
            logger.removeHandler(handler);
        }

        assertThat(e.getReason(), is(Reason.MALFORMED_RESPONSE));
        assertThat(e.getMessage(), containsString(jama.tokenUri().toString()));
        assertThat(e.getMessage(), containsString("IllegalStateException"));
        assertThat(e.getMessage(), not(containsString(serverText)));
        assertThat(e.getCause(), is(nullValue()));
        assertThat(sleeper.waits(), is(List.of()));
        List<LogRecord> warnings =
                logged.stream().filter(r -> r.getLevel() == Level.WARNING).toList();
        assertThat(warnings, hasSize(1));
        String text = new SimpleFormatter().format(warnings.get(0));
        assertThat(text, containsString("java.lang.IllegalStateException"));
        assertThat(text, not(containsString(serverText)));
        assertThat(warnings.get(0).getThrown(), is(nullValue()));
    }

    private static Duration seconds(long seconds) {
        return Duration.ofSeconds(seconds);
    }

    /** Between half and all of {@code seconds}. */
    private static Matcher<Duration> backoff(long seconds) {
        return allOf(greaterThanOrEqualTo(Duration.ofMillis(seconds * 500)), lessThan(seconds(seconds)));
    }

    private JamaTokenClient client(JamaHttp.Limits limits) {
        return jama.newTokenClient(limits, clock, sleeper);
    }

    /** A client whose every attempt times out, after using all of its time when {@code usesItsTime}. */
    private JamaTokenClient timingOut(JamaHttp.Limits limits, boolean usesItsTime) {
        HttpClient http = new RecordingHttpClient(jama.newHttpClient(), clock, true, usesItsTime);
        return new JamaTokenClient(new JamaHttp(http, null, limits, "test", clock, sleeper));
    }

    private ClientCredentials credentials() throws JamaException {
        return new ClientCredentials(JamaBaseUrl.parse(jama.baseUrl()), jama.clientId(), jama.clientSecret());
    }

    /**
     * Records the time-out of each request and passes it on, or fails it as a silent Jama would, moving the clock by
     * that time-out when told to.
     */
    private static final class RecordingHttpClient extends HttpClient {

        private final HttpClient real;
        private final ManualClock clock;
        private final boolean timesOut;
        private final boolean usesItsTime;
        final List<Duration> timeouts = new CopyOnWriteArrayList<>();

        RecordingHttpClient(HttpClient real, ManualClock clock, boolean timesOut, boolean usesItsTime) {
            this.real = real;
            this.clock = clock;
            this.timesOut = timesOut;
            this.usesItsTime = usesItsTime;
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(
                HttpRequest request, HttpResponse.BodyHandler<T> handler) {
            Duration timeout = request.timeout().orElseThrow();
            timeouts.add(timeout);
            if (!timesOut) {
                return real.sendAsync(request, handler);
            }
            if (usesItsTime) {
                clock.advance(timeout);
            }
            return CompletableFuture.failedFuture(new HttpTimeoutException("request timed out"));
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(
                HttpRequest request, HttpResponse.BodyHandler<T> handler, HttpResponse.PushPromiseHandler<T> push) {
            return sendAsync(request, handler);
        }

        @Override
        public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<CookieHandler> cookieHandler() {
            return real.cookieHandler();
        }

        @Override
        public Optional<Duration> connectTimeout() {
            return real.connectTimeout();
        }

        @Override
        public Redirect followRedirects() {
            return real.followRedirects();
        }

        @Override
        public Optional<ProxySelector> proxy() {
            return real.proxy();
        }

        @Override
        public SSLContext sslContext() {
            return real.sslContext();
        }

        @Override
        public SSLParameters sslParameters() {
            return real.sslParameters();
        }

        @Override
        public Optional<Authenticator> authenticator() {
            return real.authenticator();
        }

        @Override
        public Version version() {
            return real.version();
        }

        @Override
        public Optional<Executor> executor() {
            return real.executor();
        }
    }
}
