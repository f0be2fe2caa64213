package io.jenkins.plugins.jama.client;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jenkins.plugins.jama.client.JamaException.Reason;
import io.jenkins.plugins.jama.fake.AuthenticatingProxy;
import io.jenkins.plugins.jama.fake.FakeJamaExtension;
import io.jenkins.plugins.jama.fake.FakeJamaServer;
import io.jenkins.plugins.jama.fake.ManualClock;
import io.jenkins.plugins.jama.fake.RecordingSleeper;
import io.jenkins.plugins.jama.fake.TokenMode;
import io.jenkins.plugins.jama.fake.UserMode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;

/**
 * Provokes every {@link Reason} against a fake Jama that quotes the credentials and tokens it receives in its
 * answers, and checks that neither the secret, the Basic header, nor a token appears in any message, toString or
 * stack trace, nor in the toString of any value type.
 */
class NoSecretLeaksTest {

    /** Jama's secrets are lower case; this one proves that comparisons ignore case. */
    private static final String MIXED_SECRET = "Xq7vKp2MixedCaseSecret";
    /** A token that can stand in a host name, with upper case letters that a host name loses. */
    private static final String MIXED_TOKEN = "fake.Tk9LmUpperCaseToken";

    private final ManualClock clock = new ManualClock();
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);

    @RegisterExtension
    final FakeJamaExtension fakeJama =
            new FakeJamaExtension().https().contextPath("/jama").echoCredentials();

    private FakeJamaServer jama;
    private String secret;
    private final List<String> tokens = new ArrayList<>();

    @BeforeEach
    void beforeEach(FakeJamaServer jama) {
        this.jama = jama;
        this.secret = jama.clientSecret();
    }

    @Test
    void everyReasonHasAScenario() throws Exception {
        assertThat(scenarios().keySet(), is(EnumSet.allOf(Reason.class)));
    }

    @TestFactory
    Stream<DynamicTest> noReasonEverShowsTheSecretOrAToken() throws Exception {
        return scenarios().entrySet().stream()
                .map(scenario -> DynamicTest.dynamicTest(scenario.getKey().name(), () -> {
                    JamaException e = assertThrows(JamaException.class, scenario.getValue());
                    assertThat(e.getMessage(), e.getReason(), is(scenario.getKey()));
                    assertNoSecret("message", e.getMessage());
                    assertNoSecret("toString", e.toString());
                    assertNoSecret("stack trace", stackTrace(e));
                    assertNoSecret(
                            "lease",
                            new ObtainedToken(
                                            new AccessToken(secret, clock.instant()),
                                            clock.instant(),
                                            true,
                                            null,
                                            e,
                                            e,
                                            null)
                                    .toString());
                }));
    }

    @Test
    void valueTypesHideTheSecretAndTheToken() throws Exception {
        ClientCredentials credentials = credentials(jama.baseUrl(), secret);
        TokenSource.Minted minted = client(1).mint(credentials);
        AccessToken token = minted.token();
        tokens.add(token.value());

        assertNoSecret("credentials", credentials.toString());
        assertNoSecret("cache key", credentials.cacheKey().toString());
        assertNoSecret("token", token.toString());
        assertNoSecret("lease", new ObtainedToken(token, clock.instant(), false, null, null, null, null).toString());
        assertNoSecret("user", String.valueOf(minted.user()));
        assertNoSecret("token and user", minted.toString());
    }

    /**
     * Answers that quote a credential where the client does show text from Jama: an OAuth error code, a redirect
     * target, the user name and licence type. Checked ignoring case, since host names are shown in lower case.
     */
    @TestFactory
    Stream<DynamicTest> serverTextThatRepeatsACredentialIsNeverShown() {
        Map<String, Executable> cases = new LinkedHashMap<>();
        cases.put("401 error code", () -> mint(TokenMode.INVALID_CLIENT_ECHOING_SECRET, secret));
        cases.put("400 error code", () -> mint(TokenMode.BAD_REQUEST_ECHOING_SECRET, secret));
        cases.put("redirect target", () -> mint(TokenMode.REDIRECT_ECHOING_SECRET, secret));
        cases.put("redirect target, secret in mixed case", () -> mint(TokenMode.REDIRECT_ECHOING_SECRET, MIXED_SECRET));
        cases.put("user redirect", () -> currentUser(UserMode.REDIRECT_ECHOING_TOKEN));
        cases.put("user name", () -> currentUser(UserMode.USERNAME_IS_TOKEN));
        cases.put("licence type", () -> currentUser(UserMode.LICENCE_TYPE_IS_TOKEN));
        cases.put("user name, with the token in one go", () -> {
            jama.nextToken(MIXED_TOKEN).userMode(UserMode.USERNAME_IS_TOKEN);
            lookUpUser();
        });
        return cases.entrySet().stream()
                .map(c -> DynamicTest.dynamicTest(c.getKey(), () -> {
                    tokens.add(MIXED_TOKEN);
                    JamaException e = assertThrows(JamaException.class, c.getValue());
                    assertNoSecretIgnoringCase(e.getMessage() + " " + e + " " + stackTrace(e));
                }));
    }

    private void mint(TokenMode mode, String secret) throws Exception {
        jama.tokenMode(mode);
        client(5).mint(credentials(jama.baseUrl(), secret));
    }

    private void currentUser(UserMode mode) throws Exception {
        jama.nextToken(MIXED_TOKEN).userMode(mode);
        lookUpUser();
    }

    /** Mints, and throws why the user is unknown, if it is. */
    private void lookUpUser() throws Exception {
        TokenSource.Minted minted = client(5).mint(credentials(jama.baseUrl(), secret));
        tokens.add(minted.token().value());
        if (minted.userUnknown() != null) {
            throw minted.userUnknown();
        }
    }

    private void assertNoSecretIgnoringCase(String text) {
        assertNoSecret("lower case", text.toLowerCase(Locale.ROOT));
        assertNoSecret("as is", text);
    }

    private Map<Reason, Executable> scenarios() throws Exception {
        Map<Reason, Executable> scenarios = new EnumMap<>(Reason.class);
        scenarios.put(
                Reason.BAD_URL,
                () -> JamaBaseUrl.parse("https://" + jama.clientId() + ":" + secret + "@jama.example.com"));
        scenarios.put(
                Reason.BAD_CLIENT_ID,
                () -> new ClientCredentials(JamaBaseUrl.parse(jama.baseUrl()), jama.clientId() + ":" + secret, secret));
        scenarios.put(Reason.INVALID_CLIENT, mintWith(TokenMode.INVALID_CLIENT));
        scenarios.put(Reason.TOKEN_REQUEST_REFUSED, mintWith(TokenMode.BAD_REQUEST_ECHOING_SECRET));
        scenarios.put(Reason.NOT_PERMITTED, mintWith(TokenMode.FORBIDDEN_NOT_PERMITTED));
        scenarios.put(Reason.NO_TOKEN_ENDPOINT, () -> client(5).mint(credentials(jama.baseUrl() + "/wrong", secret)));
        scenarios.put(Reason.NOT_JAMA, mintWith(TokenMode.HTML_LOGIN_PAGE));
        scenarios.put(Reason.REDIRECTED, mintWith(TokenMode.REDIRECT_TO_OTHER_HOST));
        scenarios.put(Reason.RATE_LIMITED, mintWith(TokenMode.RATE_LIMITED));
        scenarios.put(Reason.SERVER_ERROR, mintWith(TokenMode.SERVER_ERROR));
        scenarios.put(Reason.TIMEOUT, () -> {
            jama.tokenMode(TokenMode.SLOW);
            jama.newTokenClient(new JamaHttp.Limits(1, Duration.ofMillis(200)), clock, sleeper)
                    .mint(credentials(jama.baseUrl(), secret));
        });
        scenarios.put(
                Reason.TLS_FAILURE,
                () -> new JamaTokenClient(new JamaHttp(
                                HttpClient.newBuilder()
                                        .followRedirects(HttpClient.Redirect.NEVER)
                                        .build(),
                                null,
                                JamaHttp.Limits.FOR_BUILDS,
                                "test",
                                clock,
                                sleeper))
                        .mint(credentials(jama.baseUrl(), secret)));
        scenarios.put(
                Reason.BAD_CERTIFICATES,
                () -> TrustedCertificates.parse(
                        "-----BEGIN CERTIFICATE-----\n" + secret + "\n-----END CERTIFICATE-----\n"
                                + "-----BEGIN PRIVATE KEY-----\n" + secret + "\n-----END PRIVATE KEY-----"));
        scenarios.put(Reason.PROXY_REFUSED, () -> {
            try (AuthenticatingProxy proxy = new AuthenticatingProxy("proxy-user", "proxy-password")) {
                new JamaTokenClient(new JamaHttp(
                                JamaHttp.newHttpClient(proxy.selector(), TrustedCertificates.NONE),
                                new ProxyCredentials("proxy-user", secret),
                                JamaHttp.Limits.FOR_BUILDS,
                                "test",
                                clock,
                                sleeper))
                        .mint(credentials(jama.baseUrl(), secret));
            }
        });
        scenarios.put(Reason.UNKNOWN_HOST, () -> client(5).mint(credentials("https://jama.nowhere.invalid", secret)));
        scenarios.put(
                Reason.CONNECTION_REFUSED,
                () -> client(1).mint(credentials("https://127.0.0.1:" + closedPort(), secret)));
        scenarios.put(Reason.NETWORK, mintWith(TokenMode.DROP_CONNECTION));
        scenarios.put(Reason.MALFORMED_RESPONSE, () -> {
            try {
                mintWith(TokenMode.WRONG_TOKEN_TYPE).execute();
            } finally {
                tokens.add(jama.lastIssuedToken());
            }
        });
        scenarios.put(Reason.EXPIRED_ON_ARRIVAL, () -> {
            jama.tokenMode(TokenMode.TOKEN_2024)
                    .expiresIn(Duration.ofSeconds(1))
                    .onTokenRequest(() -> clock.advance(Duration.ofSeconds(2)));
            try {
                client(1).mint(credentials(jama.baseUrl(), secret));
            } finally {
                tokens.add(jama.lastIssuedToken());
                jama.expiresIn(Duration.ofSeconds(3599)).onTokenRequest(() -> {});
            }
        });
        scenarios.put(Reason.TOKEN_REJECTED, () -> {
            jama.tokenMode(TokenMode.TOKEN_2024).userMode(UserMode.REJECT_TOKEN);
            lookUpUser();
        });
        return scenarios;
    }

    private Executable mintWith(TokenMode mode) {
        return () -> {
            jama.tokenMode(mode);
            client(2).mint(credentials(jama.baseUrl(), secret));
        };
    }

    private void assertNoSecret(String what, String text) {
        List<String> secrets = new ArrayList<>(tokens);
        for (String value : List.of(secret, MIXED_SECRET)) {
            secrets.add(value);
            secrets.add(Base64.getEncoder()
                    .encodeToString((jama.clientId() + ":" + value).getBytes(StandardCharsets.UTF_8)));
        }
        boolean lowerCase = text.equals(text.toLowerCase(Locale.ROOT));
        for (String hidden : secrets) {
            String expected = lowerCase ? hidden.toLowerCase(Locale.ROOT) : hidden;
            assertThat(what, text, not(containsString(expected)));
        }
    }

    private static String stackTrace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private JamaTokenClient client(int maxAttempts) {
        return jama.newTokenClient(new JamaHttp.Limits(maxAttempts, Duration.ofSeconds(60)), clock, sleeper);
    }

    private ClientCredentials credentials(String url, String secret) throws JamaException {
        return new ClientCredentials(JamaBaseUrl.parse(url), jama.clientId(), secret);
    }
}
