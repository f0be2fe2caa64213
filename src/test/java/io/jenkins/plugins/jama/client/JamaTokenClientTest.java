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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class JamaTokenClientTest {

    private final ManualClock clock = new ManualClock();
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private FakeJamaServer jama;

    @BeforeEach
    void startJama() {
        jama = FakeJamaServer.https().contextPath("/contour").start();
    }

    @AfterEach
    void stopJama() {
        jama.close();
    }

    @ParameterizedTest
    @EnumSource(
            value = TokenMode.class,
            names = {"TOKEN_2024", "TOKEN_LEGACY", "TOKEN_WITH_BOM"})
    void exchangesClientCredentialsForATokenThatWorks(TokenMode mode) throws Exception {
        jama.tokenMode(mode);
        Instant before = clock.instant();

        AccessToken token = client().requestToken(credentials());

        assertThat(token.expiresAt(), is(before.plusSeconds(3599)));
        assertThat(token.value(), startsWith("fake."));
        assertThat(jama.mints(), is(1));
        assertThat(client().currentUser(baseUrl(), token), is(new JamaUser(FakeJamaServer.USERNAME, "NAMED")));
    }

    @Test
    void fakeIssuesATokenFixedInAdvanceOnceThenRandomOnesThatAllWork() throws Exception {
        jama.nextToken("fake.known-in-advance");

        AccessToken fixed = client().requestToken(credentials());
        AccessToken random = client().requestToken(credentials());

        assertThat(fixed.value(), is("fake.known-in-advance"));
        assertThat(random.value(), startsWith("fake."));
        assertThat(random.value(), not(fixed.value()));
        assertThat(jama.mints(), is(2));
        assertThat(client().currentUser(baseUrl(), fixed).username(), is(FakeJamaServer.USERNAME));
        assertThat(client().currentUser(baseUrl(), random).username(), is(FakeJamaServer.USERNAME));
    }

    @Test
    void throughTheCacheAMintAsksJamaForItsUserOnceAndReusesCostNoCall() throws Exception {
        TokenCache cache = new TokenCache(clock, 10);

        TokenLease minted = cache.get(credentials(), Duration.ofMinutes(5), client());
        TokenLease reused = cache.get(credentials(), Duration.ofMinutes(5), client());

        assertThat(minted.user(), is(new JamaUser(FakeJamaServer.USERNAME, "NAMED")));
        assertThat(reused.user(), is(minted.user()));
        assertThat(jama.mints(), is(1));
        assertThat(jama.userRequests(), is(1));
    }

    @Test
    void aRefusedUserLookupLeavesAWorkingTokenWithTheReason() throws Exception {
        jama.userMode(UserMode.FORBIDDEN_NOT_PERMITTED);
        TokenCache cache = new TokenCache(clock, 10);

        TokenLease lease = cache.get(credentials(), Duration.ofMinutes(5), client());

        assertThat(lease.token().value(), startsWith("fake."));
        assertThat(lease.user(), is(nullValue()));
        assertThat(lease.userUnknown().getReason(), is(Reason.NOT_PERMITTED));
        assertThat(jama.userRequests(), is(1));
    }

    @Test
    void mintsATokenAndNamesItsUserInOneGo() throws Exception {
        TokenAndUser both = client().requestTokenAndUser(credentials());

        assertThat(both.user(), is(new JamaUser(FakeJamaServer.USERNAME, "NAMED")));
        assertThat(both.token().value(), is(jama.lastIssuedToken()));
        assertThat(jama.mints(), is(1));
        assertThat(jama.userRequests(), is(1));
    }

    @Test
    void tokenAndUserShareOneDeadline() {
        ClientOptions options = ClientOptions.defaults().withMaxAttempts(1).withDeadline(Duration.ofSeconds(20));
        jama.onTokenRequest(() -> clock.advance(Duration.ofSeconds(21)));

        JamaException e = assertThrows(
                JamaException.class,
                () -> new JamaTokenClient(jama.newHttpClient(), options, clock, sleeper)
                        .requestTokenAndUser(credentials()));

        assertThat(e.getReason(), is(Reason.TIMEOUT));
        assertThat(e.getMessage(), containsString("/contour/rest/v1/users/current"));
        assertThat(e.getMessage(), containsString("all of the 20 seconds allowed"));
        assertThat(jama.mints(), is(1));
        assertThat(jama.userRequests(), is(0));
    }

    @Test
    void sendsWhatJamaDocuments() throws Exception {
        client().requestToken(credentials());

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
        ClientOptions options = ClientOptions.defaults().withPluginVersion("1.2.3");
        new JamaTokenClient(jama.newHttpClient(), options, clock, sleeper).requestToken(credentials());

        assertThat(jama.lastTokenRequest().userAgent(), startsWith("jama-credentials-plugin/1.2.3 "));
    }

    @Test
    void expiryCountsFromBeforeTheRequest() throws Exception {
        jama.expiresIn(Duration.ofSeconds(30));
        Instant before = clock.instant();

        AccessToken token = client().requestToken(credentials());

        assertThat(token.expiresAt(), is(before.plusSeconds(30)));
    }

    @Test
    void aTokenThatExpiredBeforeItsAnswerArrivedIsRefused() {
        jama.expiresIn(Duration.ofSeconds(1)).onTokenRequest(() -> clock.advance(Duration.ofMillis(1500)));

        JamaException e = assertThrows(JamaException.class, () -> client().requestToken(credentials()));

        assertThat(e.getReason(), is(Reason.MALFORMED_RESPONSE));
        assertThat(e.getMessage(), containsString("issued a token that lives 1 second (expires_in)"));
        assertThat(e.getMessage(), containsString("its answer took 1.5 seconds"));
        assertThat(e.getMessage(), containsString(jama.tokenUri().toString()));
    }

    @Test
    void aTokenExpiringJustAsItsAnswerArrivesIsRefusedToo() {
        jama.expiresIn(Duration.ofSeconds(30)).onTokenRequest(() -> clock.advance(Duration.ofSeconds(30)));

        JamaException e = assertThrows(JamaException.class, () -> client().requestToken(credentials()));

        assertThat(e.getMessage(), containsString("lives 30 seconds (expires_in), but its answer took 30 seconds"));
    }

    @Test
    void aSlowAnswerWithATokenStillValidIsAccepted() throws Exception {
        Instant before = clock.instant();
        jama.expiresIn(Duration.ofSeconds(2)).onTokenRequest(() -> clock.advance(Duration.ofMillis(1500)));

        AccessToken token = client().requestToken(credentials());

        assertThat(token.expiresAt(), is(before.plusSeconds(2)));
    }

    @Test
    void worksOverPlainHttpWhenTheUserAllowedIt() throws Exception {
        try (FakeJamaServer plain = FakeJamaServer.http().start()) {
            JamaBaseUrl url = JamaBaseUrl.parse(plain.baseUrl());
            JamaTokenClient client =
                    new JamaTokenClient(plain.newHttpClient(), ClientOptions.defaults(), clock, sleeper);

            AccessToken token = client.requestToken(new ClientCredentials(url, plain.clientId(), plain.clientSecret()));

            assertThat(client.currentUser(url, token).username(), is(FakeJamaServer.USERNAME));
        }
    }

    @Test
    void wrongSecretIsRejectedOnceWithAMessageSayingWhatToCheck() throws Exception {
        JamaBaseUrl url = baseUrl();
        JamaException e = assertThrows(
                JamaException.class,
                () -> client().requestToken(new ClientCredentials(url, jama.clientId(), "wrong-secret")));

        assertThat(e.getReason(), is(Reason.INVALID_CLIENT));
        assertThat(e.getMessage(), containsString(jama.tokenUri().toString()));
        assertThat(e.getMessage(), containsString("invalid_client"));
        assertThat(e.getMessage(), containsString("Set API Credentials"));
        assertThat(e.getUri(), is(jama.tokenUri()));
        assertOneRequestNoWait();
    }

    @Test
    void wrongContextPathMeansNoTokenEndpoint() throws Exception {
        JamaBaseUrl url = JamaBaseUrl.parse("https://127.0.0.1:" + jama.port() + "/jama");

        JamaException e = assertThrows(
                JamaException.class,
                () -> client().requestToken(new ClientCredentials(url, jama.clientId(), jama.clientSecret())));

        assertThat(e.getReason(), is(Reason.NO_TOKEN_ENDPOINT));
        assertThat(e.getMessage(), containsString("context path"));
        assertThat(sleeper.waits(), is(empty()));
    }

    @Test
    void unsupportedGrantIsAConfigurationError() {
        JamaException e = failWith(TokenMode.UNSUPPORTED_GRANT);

        assertThat(e.getReason(), is(Reason.INVALID_CLIENT));
        assertThat(e.getMessage(), containsString("HTTP 400, unsupported_grant_type"));
        assertOneRequestNoWait();
    }

    @Test
    void showsTheErrorCodesOfLegacySpringToo() {
        JamaException e = failWith(TokenMode.INVALID_CLIENT_SPRING_BOOT);

        assertThat(e.getReason(), is(Reason.INVALID_CLIENT));
        assertThat(e.getMessage(), containsString("HTTP 401, unauthorized)"));
    }

    @Test
    void anErrorCodeOutsideOAuthIsNotShown() {
        JamaException e = failWith(TokenMode.INVALID_CLIENT_ECHOING_SECRET);

        assertThat(e.getReason(), is(Reason.INVALID_CLIENT));
        assertThat(e.getMessage(), containsString("HTTP 401, no error code)"));
    }

    @Test
    void forbiddenMeansNotPermittedToUseTheApi() {
        JamaException e = failWith(TokenMode.FORBIDDEN_NOT_PERMITTED);

        assertThat(e.getReason(), is(Reason.NOT_PERMITTED));
        assertThat(e.getMessage(), containsString("not permitted to use the API"));
        assertThat(e.getMessage(), containsString("REST API access"));
        assertOneRequestNoWait();
    }

    @Test
    void loginPageMeansNotJama() {
        JamaException e = failWith(TokenMode.HTML_LOGIN_PAGE);

        assertThat(e.getReason(), is(Reason.NOT_JAMA));
        assertThat(e.getMessage(), containsString("web page"));
        assertThat(e.getMessage(), containsString("context path"));
        assertOneRequestNoWait();
    }

    @Test
    void plainTextMeansNotJama() {
        JamaException e = failWith(TokenMode.NOT_JSON);

        assertThat(e.getReason(), is(Reason.NOT_JAMA));
        assertThat(e.getMessage(), containsString("did not answer with JSON"));
    }

    @Test
    void redirectToTheLoginPageIsNotFollowed() {
        JamaException e = failWith(TokenMode.REDIRECT_TO_LOGIN);

        assertThat(e.getReason(), is(Reason.REDIRECTED));
        assertThat(e.getMessage(), containsString("to the host 127.0.0.1."));
        assertThat(e.getMessage(), not(containsString("login.req")));
        assertOneRequestNoWait();
    }

    @Test
    void redirectToAnotherHostIsNotFollowedAndNamesThatHost() {
        JamaException e = failWith(TokenMode.REDIRECT_TO_OTHER_HOST);

        assertThat(e.getReason(), is(Reason.REDIRECTED));
        assertThat(e.getMessage(), containsString("HTTP 307"));
        assertThat(e.getMessage(), containsString("to the host jama.other.example"));
        assertThat(e.getMessage(), containsString("never sent on to another address"));
        assertOneRequestNoWait();
    }

    @Test
    void aRedirectTargetThatRepeatsTheSecretIsNotShownAtAll() {
        JamaException e = failWith(TokenMode.REDIRECT_ECHOING_SECRET);

        assertThat(e.getReason(), is(Reason.REDIRECTED));
        assertThat(e.getMessage(), containsString("to an address that is not shown because it repeats a credential"));
        assertThat(e.getMessage(), not(containsString("jama.other.example")));
    }

    @Test
    void aUserNameThatRepeatsTheTokenIsRefused() throws Exception {
        AccessToken token = client().requestToken(credentials());
        jama.userMode(UserMode.USERNAME_IS_TOKEN);

        JamaException e = assertThrows(JamaException.class, () -> client().currentUser(baseUrl(), token));

        assertThat(e.getReason(), is(Reason.MALFORMED_RESPONSE));
        assertThat(e.getMessage(), containsString("repeats the client secret or the token"));
    }

    @Test
    void refusesAnHttpClientThatFollowsRedirects() {
        HttpClient following = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();

        assertThrows(IllegalArgumentException.class, () -> new JamaTokenClient(following));
    }

    @Test
    void oversizedAnswerIsCutOff() {
        JamaException e = failWith(TokenMode.OVERSIZED_BODY);

        assertThat(e.getReason(), is(Reason.MALFORMED_RESPONSE));
        assertThat(e.getMessage(), containsString("longer than 65536 bytes"));
    }

    @Test
    void anEmptyAnswerIsMalformedNotForeign() {
        JamaException e = failWith(TokenMode.EMPTY_BODY);

        assertThat(e.getReason(), is(Reason.MALFORMED_RESPONSE));
        assertThat(e.getMessage(), containsString("sent an empty answer (HTTP 200)"));
    }

    @Test
    void jsonThatIsNotAnObjectIsMalformedNotForeign() {
        JamaException e = failWith(TokenMode.JSON_ARRAY);

        assertThat(e.getReason(), is(Reason.MALFORMED_RESPONSE));
        assertThat(e.getMessage(), containsString("JSON that is not an object"));
    }

    @ParameterizedTest
    @CsvSource({"401, INVALID_CLIENT", "400, INVALID_CLIENT", "403, NOT_PERMITTED", "404, NO_TOKEN_ENDPOINT"})
    void anOversizedErrorIsJudgedByItsStatus(int status, Reason expected) {
        jama.oversizedErrorStatus(status);

        JamaException e = failWith(TokenMode.OVERSIZED_ERROR);

        assertThat(e.getMessage(), e.getReason(), is(expected));
        assertThat(e.getMessage(), not(containsString("longer than")));
    }

    @Test
    void answerWithoutAccessTokenIsMalformed() {
        JamaException e = failWith(TokenMode.MISSING_ACCESS_TOKEN);

        assertThat(e.getReason(), is(Reason.MALFORMED_RESPONSE));
        assertThat(e.getMessage(), containsString("no access_token"));
    }

    @Test
    void slowAnswerTimesOut() {
        jama.tokenMode(TokenMode.SLOW);
        ClientOptions options = ClientOptions.defaults()
                .withRequestTimeout(Duration.ofMillis(300))
                .withMaxAttempts(1);

        JamaException e = assertThrows(
                JamaException.class,
                () -> new JamaTokenClient(jama.newHttpClient(), options, clock, sleeper).requestToken(credentials()));

        assertThat(e.getReason(), is(Reason.TIMEOUT));
        assertThat(e.isRetryable(), is(true));
        assertThat(e.getMessage(), containsString("did not answer within"));
    }

    @Test
    void droppedConnectionIsRetriedThenReported() {
        JamaException e = failWith(TokenMode.DROP_CONNECTION);

        assertThat(e.getReason(), is(Reason.NETWORK));
        assertThat(jama.tokenRequests(), is(5));
        assertThat(sleeper.waits().size(), is(4));
    }

    @Test
    void untrustedCertificateIsATlsFailure() {
        HttpClient trustsOnlyTheJdkDefaults = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();

        JamaException e = assertThrows(
                JamaException.class,
                () -> new JamaTokenClient(trustsOnlyTheJdkDefaults, ClientOptions.defaults(), clock, sleeper)
                        .requestToken(credentials()));

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
        ClientOptions options = ClientOptions.defaults().withMaxAttempts(1);

        JamaException e = assertThrows(
                JamaException.class,
                () -> new JamaTokenClient(jama.newHttpClient(), options, clock, sleeper)
                        .requestToken(new ClientCredentials(url, "id", "secret")));

        assertThat(e.getReason(), is(Reason.CONNECTION_REFUSED));
        assertThat(e.getMessage(), containsString("127.0.0.1:" + port));
    }

    @Test
    void unknownHostSaysSo() throws Exception {
        JamaBaseUrl url = JamaBaseUrl.parse("https://jama.nonexistent.invalid");

        JamaException e = assertThrows(
                JamaException.class, () -> client().requestToken(new ClientCredentials(url, "id", "secret")));

        assertThat(e.getReason(), is(Reason.UNKNOWN_HOST));
        assertThat(e.getMessage(), containsString("The host jama.nonexistent.invalid of"));
        assertThat(sleeper.waits(), is(empty()));
    }

    @Test
    void currentUserRefusesATokenJamaDoesNotKnow() throws Exception {
        AccessToken token = client().requestToken(credentials());
        jama.revoke(token.value());

        JamaException e = assertThrows(JamaException.class, () -> client().currentUser(baseUrl(), token));

        assertThat(e.getReason(), is(Reason.TOKEN_REJECTED));
        assertThat(e.getMessage(), containsString("/contour/rest/v1/users/current"));
        assertThat(jama.userRequests(), is(1));
    }

    @Test
    void currentUserForbiddenMeansNotPermitted() throws Exception {
        AccessToken token = client().requestToken(credentials());
        jama.userMode(UserMode.FORBIDDEN_NOT_PERMITTED);

        JamaException e = assertThrows(JamaException.class, () -> client().currentUser(baseUrl(), token));

        assertThat(e.getReason(), is(Reason.NOT_PERMITTED));
    }

    @Test
    void currentUserAsAWebPageMeansNotJama() throws Exception {
        AccessToken token = client().requestToken(credentials());
        jama.userMode(UserMode.HTML_LOGIN_PAGE);

        JamaException e = assertThrows(JamaException.class, () -> client().currentUser(baseUrl(), token));

        assertThat(e.getReason(), is(Reason.NOT_JAMA));
    }

    @Test
    void currentUserWithoutAUsernameIsMalformed() throws Exception {
        AccessToken token = client().requestToken(credentials());
        jama.userMode(UserMode.NOT_A_USER);

        JamaException e = assertThrows(JamaException.class, () -> client().currentUser(baseUrl(), token));

        assertThat(e.getReason(), is(Reason.MALFORMED_RESPONSE));
        assertThat(e.getRetryAfter(), is(nullValue()));
        assertThat(e.getMessage(), not(containsString(token.value())));
    }

    @ParameterizedTest
    @EnumSource(
            value = TokenMode.class,
            mode = EnumSource.Mode.EXCLUDE,
            names = {"TOKEN_2024", "TOKEN_LEGACY", "TOKEN_WITH_BOM"})
    void everyFailureModeOfTheFakeMapsToItsReasonAndNamesTheAddress(TokenMode mode) {
        jama.tokenMode(mode);
        ClientOptions once = ClientOptions.defaults().withMaxAttempts(1).withRequestTimeout(Duration.ofMillis(500));

        JamaException e = assertThrows(
                JamaException.class,
                () -> new JamaTokenClient(jama.newHttpClient(), once, clock, sleeper).requestToken(credentials()));

        assertThat(e.getMessage(), e.getReason(), is(expectedReason(mode)));
        assertThat(e.getMessage(), containsString(jama.tokenUri().toString()));
        assertThat(e.getUri(), is(jama.tokenUri()));
        assertThat(jama.tokenRequests(), is(1));
    }

    private static Reason expectedReason(TokenMode mode) {
        return switch (mode) {
            case INVALID_CLIENT,
                    UNSUPPORTED_GRANT,
                    INVALID_CLIENT_ECHOING_SECRET,
                    BAD_REQUEST_ECHOING_SECRET,
                    INVALID_CLIENT_SPRING_BOOT -> Reason.INVALID_CLIENT;
            case HTML_LOGIN_PAGE, NOT_JSON -> Reason.NOT_JAMA;
            case REDIRECT_TO_LOGIN, REDIRECT_TO_OTHER_HOST, REDIRECT_ECHOING_SECRET -> Reason.REDIRECTED;
            case FORBIDDEN_NOT_PERMITTED -> Reason.NOT_PERMITTED;
            case RATE_LIMITED, RATE_LIMITED_WITH_RETRY_AFTER -> Reason.RATE_LIMITED;
            case SERVER_ERROR, BAD_GATEWAY, UNAVAILABLE_WITH_RETRY_AFTER -> Reason.SERVER_ERROR;
            case SLOW -> Reason.TIMEOUT;
            case DROP_CONNECTION -> Reason.NETWORK;
            case OVERSIZED_BODY, WRONG_TOKEN_TYPE, MISSING_ACCESS_TOKEN, EMPTY_BODY, JSON_ARRAY ->
                Reason.MALFORMED_RESPONSE;
            case OVERSIZED_ERROR -> Reason.INVALID_CLIENT;
            case TOKEN_2024, TOKEN_LEGACY, TOKEN_WITH_BOM -> throw new IllegalArgumentException(mode + " succeeds");
        };
    }

    private JamaException failWith(TokenMode mode) {
        jama.tokenMode(mode);
        return assertThrows(JamaException.class, () -> client().requestToken(credentials()));
    }

    private void assertOneRequestNoWait() {
        assertThat(jama.tokenRequests(), is(1));
        assertThat(sleeper.waits(), is(empty()));
    }

    private JamaTokenClient client() {
        return new JamaTokenClient(jama.newHttpClient(), ClientOptions.defaults(), clock, sleeper);
    }

    private JamaBaseUrl baseUrl() throws JamaException {
        return JamaBaseUrl.parse(jama.baseUrl());
    }

    private ClientCredentials credentials() throws JamaException {
        return new ClientCredentials(baseUrl(), jama.clientId(), jama.clientSecret());
    }
}
