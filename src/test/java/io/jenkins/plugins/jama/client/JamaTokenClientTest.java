package io.jenkins.plugins.jama.client;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jenkins.plugins.jama.client.JamaException.Reason;
import io.jenkins.plugins.jama.fake.FakeJamaExtension;
import io.jenkins.plugins.jama.fake.FakeJamaServer;
import io.jenkins.plugins.jama.fake.ManualClock;
import io.jenkins.plugins.jama.fake.RecordingSleeper;
import io.jenkins.plugins.jama.fake.TokenMode;
import io.jenkins.plugins.jama.fake.UserMode;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class JamaTokenClientTest {

    private final ManualClock clock = new ManualClock();
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);

    @RegisterExtension
    final FakeJamaExtension fakeJama = new FakeJamaExtension().https().contextPath("/contour");

    private FakeJamaServer jama;

    @BeforeEach
    void beforeEach(FakeJamaServer jama) {
        this.jama = jama;
    }

    @ParameterizedTest
    @EnumSource(
            value = TokenMode.class,
            names = {"TOKEN_2024", "TOKEN_LEGACY", "TOKEN_WITH_BOM"})
    void exchangesClientCredentialsForATokenAndNamesItsUser(TokenMode mode) throws Exception {
        jama.tokenMode(mode);
        Instant before = clock.instant();

        TokenSource.Minted minted = client().mint(credentials());

        assertThat(minted.token().expiresAt(), is(before.plusSeconds(3599)));
        assertThat(minted.token().value(), is(jama.lastIssuedToken()));
        assertThat(minted.user(), is(new JamaUser(FakeJamaServer.USERNAME, "NAMED")));
        assertThat(minted.userUnknown(), is(nullValue()));
        assertThat(jama.mints(), is(1));
        assertThat(jama.userRequests(), is(1));
    }

    @Test
    void fakeIssuesATokenFixedInAdvanceOnceThenRandomOnesThatAllWork() throws Exception {
        jama.nextToken("fake.known-in-advance");

        TokenSource.Minted fixed = client().mint(credentials());
        TokenSource.Minted random = client().mint(credentials());

        assertThat(fixed.token().value(), is("fake.known-in-advance"));
        assertThat(random.token().value(), startsWith("fake."));
        assertThat(random.token().value(), not(fixed.token().value()));
        assertThat(jama.mints(), is(2));
        assertThat(fixed.user().username(), is(FakeJamaServer.USERNAME));
        assertThat(random.user().username(), is(FakeJamaServer.USERNAME));
    }

    @Test
    void throughTheCacheAMintAsksJamaForItsUserOnceAndReusesCostNoCall() throws Exception {
        TokenCache cache = new TokenCache(clock, 10);

        ObtainedToken minted = cache.get(credentials(), Duration.ofMinutes(5), client());
        ObtainedToken reused = cache.get(credentials(), Duration.ofMinutes(5), client());

        assertThat(minted.user(), is(new JamaUser(FakeJamaServer.USERNAME, "NAMED")));
        assertThat(reused.user(), is(minted.user()));
        assertThat(jama.mints(), is(1));
        assertThat(jama.userRequests(), is(1));
    }

    @Test
    void aRefusedUserLookupLeavesAWorkingTokenWithTheReason() throws Exception {
        jama.userMode(UserMode.FORBIDDEN_NOT_PERMITTED);
        TokenCache cache = new TokenCache(clock, 10);

        ObtainedToken lease = cache.get(credentials(), Duration.ofMinutes(5), client());

        assertThat(lease.token().value(), startsWith("fake."));
        assertThat(lease.user(), is(nullValue()));
        assertThat(lease.userUnknown().getReason(), is(Reason.NOT_PERMITTED));
        assertThat(jama.userRequests(), is(1));
    }

    /** A build never waits longer than the one deadline for its token: the user lookup only gets what is left. */
    @Test
    void throughTheCacheTheUserLookupSharesTheMintsDeadlineAndOnlyItsUserIsLostWhenTimeRunsOut() throws Exception {
        jama.onTokenRequest(() -> clock.advance(Duration.ofSeconds(61)));
        TokenCache cache = new TokenCache(clock, 10);

        ObtainedToken lease = cache.get(credentials(), Duration.ofMinutes(50), client());

        assertThat(lease.token().value(), is(jama.lastIssuedToken()));
        assertThat(lease.reused(), is(false));
        assertThat(lease.user(), is(nullValue()));
        assertThat(lease.userUnknown().getReason(), is(Reason.TIMEOUT));
        assertThat(lease.userUnknown().getMessage(), containsString("all of the 60 seconds allowed"));
        assertThat(jama.userRequests(), is(0));
        assertThat(sleeper.waits(), is(empty()));
    }

    @Test
    void tokenAndUserShareOneDeadline() throws Exception {
        jama.onTokenRequest(() -> clock.advance(Duration.ofSeconds(21)));

        TokenSource.Minted minted = jama.newTokenClient(JamaHttp.Limits.FOR_CONNECTION_TEST, clock, sleeper)
                .mint(credentials());

        JamaException e = minted.userUnknown();
        assertThat(e.getReason(), is(Reason.TIMEOUT));
        assertThat(e.getMessage(), containsString("/contour/rest/v1/users/current"));
        assertThat(e.getMessage(), containsString("all of the 20 seconds allowed"));
        assertThat(jama.mints(), is(1));
        assertThat(jama.userRequests(), is(0));
    }

    @Test
    void sendsWhatJamaDocuments() throws Exception {
        client().mint(credentials());

        FakeJamaServer.RecordedRequest request = jama.lastTokenRequest();
        String basic = Base64.getEncoder()
                .encodeToString((jama.clientId() + ":" + jama.clientSecret()).getBytes(StandardCharsets.UTF_8));
        assertThat(request.method(), is("POST"));
        assertThat(request.authorization(), is("Basic " + basic));
        assertThat(request.body(), is("grant_type=client_credentials"));
        assertThat(request.contentType(), is("application/x-www-form-urlencoded"));
        assertThat(request.accept(), is("application/json"));
        assertThat(request.userAgent(), startsWith("jama-credentials-plugin/"));
    }

    @Test
    void namesThePluginVersionInTheUserAgent() throws Exception {
        JamaHttp http = new JamaHttp(jama.newHttpClient(), null, JamaHttp.Limits.FOR_BUILDS, "1.2.3", clock, sleeper);

        new JamaTokenClient(http).mint(credentials());

        assertThat(jama.lastTokenRequest().userAgent(), startsWith("jama-credentials-plugin/1.2.3 "));
    }

    @Test
    void expiryCountsFromBeforeTheRequest() throws Exception {
        jama.expiresIn(Duration.ofSeconds(30));
        Instant before = clock.instant();

        AccessToken token = client().mint(credentials()).token();

        assertThat(token.expiresAt(), is(before.plusSeconds(30)));
    }

    @Test
    void aTokenThatExpiredBeforeItsAnswerArrivedIsRefused() {
        jama.expiresIn(Duration.ofSeconds(1)).onTokenRequest(() -> clock.advance(Duration.ofMillis(1500)));

        JamaException e = assertThrows(JamaException.class, () -> client().mint(credentials()));

        assertThat(e.getReason(), is(Reason.EXPIRED_ON_ARRIVAL));
        assertThat(e.getMessage(), containsString("issued a token that lives 1 second (expires_in)"));
        assertThat(e.getMessage(), containsString("its answer took 1.5 seconds"));
        assertThat(e.getMessage(), containsString(jama.tokenUri().toString()));
    }

    @Test
    void aTokenExpiringJustAsItsAnswerArrivesIsRefusedToo() {
        jama.expiresIn(Duration.ofSeconds(30)).onTokenRequest(() -> clock.advance(Duration.ofSeconds(30)));

        JamaException e = assertThrows(JamaException.class, () -> client().mint(credentials()));

        assertThat(e.getMessage(), containsString("lives 30 seconds (expires_in), but its answer took 30 seconds"));
    }

    @Test
    void aSlowAnswerWithATokenStillValidIsAccepted() throws Exception {
        Instant before = clock.instant();
        jama.expiresIn(Duration.ofSeconds(2)).onTokenRequest(() -> clock.advance(Duration.ofMillis(1500)));

        AccessToken token = client().mint(credentials()).token();

        assertThat(token.expiresAt(), is(before.plusSeconds(2)));
    }

    @Test
    void worksOverPlainHttpWhenTheUserAllowedIt() throws Exception {
        try (FakeJamaServer plain = FakeJamaServer.http().start()) {
            JamaBaseUrl url = JamaBaseUrl.parse(plain.baseUrl());

            TokenSource.Minted minted = plain.newTokenClient(JamaHttp.Limits.FOR_BUILDS, clock, sleeper)
                    .mint(new ClientCredentials(url, plain.clientId(), plain.clientSecret()));

            assertThat(minted.user().username(), is(FakeJamaServer.USERNAME));
        }
    }

    @Test
    void wrongSecretIsRejectedOnceWithAMessageSayingWhatToCheck() throws Exception {
        JamaBaseUrl url = baseUrl();
        JamaException e = assertThrows(
                JamaException.class, () -> client().mint(new ClientCredentials(url, jama.clientId(), "wrong-secret")));

        assertThat(e.getReason(), is(Reason.INVALID_CLIENT));
        assertThat(e.getMessage(), containsString(jama.tokenUri().toString()));
        assertThat(e.getMessage(), containsString("invalid_client"));
        assertThat(e.getMessage(), containsString("Set API Credentials"));
        assertThat(jama.tokenRequests(), is(1));
        assertThat(sleeper.waits(), is(empty()));
    }

    @Test
    void wrongContextPathMeansNoTokenEndpoint() throws Exception {
        JamaBaseUrl url = JamaBaseUrl.parse("https://127.0.0.1:" + jama.port() + "/jama");

        JamaException e = assertThrows(
                JamaException.class,
                () -> client().mint(new ClientCredentials(url, jama.clientId(), jama.clientSecret())));

        assertThat(e.getReason(), is(Reason.NO_TOKEN_ENDPOINT));
        assertThat(e.getMessage(), containsString("context path"));
        assertThat(sleeper.waits(), is(empty()));
    }

    /** Each way the fake can fail a token request, what it means, and what the message must and must not say. */
    record Failure(TokenMode mode, Reason reason, String says, String neverSays) {}

    static Stream<Failure> failures() {
        return Stream.of(
                new Failure(TokenMode.INVALID_CLIENT, Reason.INVALID_CLIENT, "HTTP 401, invalid_client)", null),
                new Failure(
                        TokenMode.INVALID_CLIENT_ECHOING_SECRET,
                        Reason.INVALID_CLIENT,
                        "HTTP 401, no error code)",
                        null),
                new Failure(
                        TokenMode.INVALID_CLIENT_SPRING_BOOT, Reason.INVALID_CLIENT, "HTTP 401, unauthorized)", null),
                new Failure(
                        TokenMode.BAD_REQUEST_ECHOING_SECRET,
                        Reason.TOKEN_REQUEST_REFUSED,
                        "HTTP 400, no error code)",
                        null),
                new Failure(
                        TokenMode.UNSUPPORTED_GRANT,
                        Reason.TOKEN_REQUEST_REFUSED,
                        "HTTP 400, unsupported_grant_type)",
                        null),
                new Failure(TokenMode.FORBIDDEN_NOT_PERMITTED, Reason.NOT_PERMITTED, "REST API access", null),
                new Failure(TokenMode.HTML_LOGIN_PAGE, Reason.NOT_JAMA, "web page", null),
                new Failure(TokenMode.NOT_JSON, Reason.NOT_JAMA, "did not answer with JSON", null),
                new Failure(TokenMode.REDIRECT_TO_LOGIN, Reason.REDIRECTED, "to the host 127.0.0.1.", "login.req"),
                new Failure(
                        TokenMode.REDIRECT_TO_OTHER_HOST,
                        Reason.REDIRECTED,
                        "(HTTP 307) to the host jama.other.example. Credentials are never sent on",
                        null),
                new Failure(
                        TokenMode.REDIRECT_ECHOING_SECRET,
                        Reason.REDIRECTED,
                        "to an address that is not shown because it repeats a credential",
                        "jama.other.example"),
                new Failure(TokenMode.RATE_LIMITED, Reason.RATE_LIMITED, "HTTP 429", null),
                new Failure(TokenMode.RATE_LIMITED_WITH_RETRY_AFTER, Reason.RATE_LIMITED, "HTTP 429", null),
                new Failure(TokenMode.UNAVAILABLE_WITH_RETRY_AFTER, Reason.SERVER_ERROR, "HTTP 503", null),
                new Failure(TokenMode.SERVER_ERROR, Reason.SERVER_ERROR, "HTTP 500", null),
                new Failure(TokenMode.BAD_GATEWAY, Reason.SERVER_ERROR, "HTTP 502", null),
                new Failure(TokenMode.SLOW, Reason.TIMEOUT, "did not answer within 1 second (1 attempt)", null),
                new Failure(TokenMode.DROP_CONNECTION, Reason.NETWORK, "The connection to", null),
                new Failure(TokenMode.OVERSIZED_BODY, Reason.MALFORMED_RESPONSE, "longer than 65536 bytes", null),
                new Failure(TokenMode.WRONG_TOKEN_TYPE, Reason.MALFORMED_RESPONSE, "token_type is not bearer", null),
                new Failure(TokenMode.MISSING_ACCESS_TOKEN, Reason.MALFORMED_RESPONSE, "no access_token", null),
                new Failure(TokenMode.EMPTY_BODY, Reason.MALFORMED_RESPONSE, "sent an empty answer (HTTP 200)", null),
                new Failure(TokenMode.JSON_ARRAY, Reason.MALFORMED_RESPONSE, "JSON that is not an object", null),
                new Failure(TokenMode.OVERSIZED_ERROR, Reason.INVALID_CLIENT, "HTTP 401", "longer than"));
    }

    @Test
    void everyFailureModeOfTheFakeIsInTheTable() {
        Set<TokenMode> answering = EnumSet.of(TokenMode.TOKEN_2024, TokenMode.TOKEN_LEGACY, TokenMode.TOKEN_WITH_BOM);
        Set<TokenMode> listed = failures().map(Failure::mode).collect(Collectors.toSet());

        assertThat(listed, is(EnumSet.complementOf(EnumSet.copyOf(answering))));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void eachFailureMapsToItsReasonAndAMessageThatNamesTheAddress(Failure failure) {
        jama.tokenMode(failure.mode());

        JamaException e = assertThrows(
                JamaException.class,
                () -> jama.newTokenClient(new JamaHttp.Limits(1, Duration.ofMillis(500)), clock, sleeper)
                        .mint(credentials()));

        assertThat(e.getMessage(), e.getReason(), is(failure.reason()));
        assertThat(e.getMessage(), containsString(jama.tokenUri().toString()));
        assertThat(e.getMessage(), containsString(failure.says()));
        if (failure.neverSays() != null) {
            assertThat(e.getMessage(), not(containsString(failure.neverSays())));
        }
        assertThat(jama.tokenRequests(), is(1));
    }

    @ParameterizedTest
    @CsvSource({"401, INVALID_CLIENT", "400, TOKEN_REQUEST_REFUSED", "403, NOT_PERMITTED", "404, NO_TOKEN_ENDPOINT"})
    void anOversizedErrorIsJudgedByItsStatus(int status, Reason expected) {
        jama.oversizedErrorStatus(status).tokenMode(TokenMode.OVERSIZED_ERROR);

        JamaException e = assertThrows(JamaException.class, () -> client().mint(credentials()));

        assertThat(e.getMessage(), e.getReason(), is(expected));
        assertThat(e.getMessage(), not(containsString("longer than")));
    }

    @ParameterizedTest
    @CsvSource({
        "REJECT_TOKEN, TOKEN_REJECTED, rejected the bearer token (HTTP 401)",
        "FORBIDDEN_NOT_PERMITTED, NOT_PERMITTED, not permitted to use the API",
        "HTML_LOGIN_PAGE, NOT_JAMA, web page",
        "NOT_A_USER, MALFORMED_RESPONSE, did not describe the current user",
        "USERNAME_IS_TOKEN, MALFORMED_RESPONSE, repeats the client secret or the token",
        "LICENCE_TYPE_IS_TOKEN, MALFORMED_RESPONSE, repeats the client secret or the token",
    })
    void aFailedUserLookupLeavesTheUserUnknownAndSaysWhy(UserMode mode, Reason reason, String says) throws Exception {
        jama.userMode(mode);

        TokenSource.Minted minted = client().mint(credentials());

        assertThat(minted.token().value(), is(jama.lastIssuedToken()));
        assertThat(minted.user(), is(nullValue()));
        JamaException e = minted.userUnknown();
        assertThat(e.getMessage(), e.getReason(), is(reason));
        assertThat(e.getMessage(), containsString("/contour/rest/v1/users/current"));
        assertThat(e.getMessage(), containsString(says));
        assertThat(e.getMessage(), not(containsString(minted.token().value())));
        assertThat(e.getRetryAfter(), is(nullValue()));
        assertThat(jama.userRequests(), is(1));
    }

    @Test
    void refusesAnHttpClientThatFollowsRedirects() {
        HttpClient following = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();

        assertThrows(
                IllegalArgumentException.class,
                () -> new JamaHttp(following, null, JamaHttp.Limits.FOR_BUILDS, "test", clock, sleeper));
    }

    @Test
    void untrustedCertificateIsATlsFailure() {
        HttpClient trustsOnlyTheJdkDefaults = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        JamaHttp http =
                new JamaHttp(trustsOnlyTheJdkDefaults, null, JamaHttp.Limits.FOR_BUILDS, "test", clock, sleeper);

        JamaException e = assertThrows(JamaException.class, () -> new JamaTokenClient(http).mint(credentials()));

        assertThat(e.getReason(), is(Reason.TLS_FAILURE));
        assertThat(e.getMessage(), containsString("Trusted CA certificates field"));
        assertThat(jama.mints(), is(0));
    }

    @Test
    void closedPortIsConnectionRefused() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        JamaBaseUrl url = JamaBaseUrl.parse("https://127.0.0.1:" + port);

        JamaException e = assertThrows(
                JamaException.class,
                () -> jama.newTokenClient(JamaHttp.Limits.FOR_CONNECTION_TEST, clock, sleeper)
                        .mint(new ClientCredentials(url, "id", "secret")));

        assertThat(e.getReason(), is(Reason.CONNECTION_REFUSED));
        assertThat(e.getMessage(), containsString("127.0.0.1:" + port));
    }

    @Test
    void unknownHostSaysSo() throws Exception {
        JamaBaseUrl url = JamaBaseUrl.parse("https://jama.nonexistent.invalid");

        JamaException e =
                assertThrows(JamaException.class, () -> client().mint(new ClientCredentials(url, "id", "secret")));

        assertThat(e.getReason(), is(Reason.UNKNOWN_HOST));
        assertThat(e.getMessage(), containsString("The host jama.nonexistent.invalid of"));
        assertThat(sleeper.waits(), is(empty()));
    }

    private JamaTokenClient client() {
        return jama.newTokenClient(JamaHttp.Limits.FOR_BUILDS, clock, sleeper);
    }

    private JamaBaseUrl baseUrl() throws JamaException {
        return JamaBaseUrl.parse(jama.baseUrl());
    }

    private ClientCredentials credentials() throws JamaException {
        return new ClientCredentials(baseUrl(), jama.clientId(), jama.clientSecret());
    }
}
