package io.jenkins.plugins.jama.client;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jenkins.plugins.jama.client.JamaBaseUrl.Scheme;
import io.jenkins.plugins.jama.client.JamaException.Reason;
import io.jenkins.plugins.jama.fake.FakeJamaServer;
import io.jenkins.plugins.jama.fake.ManualClock;
import io.jenkins.plugins.jama.fake.RecordingSleeper;
import io.jenkins.plugins.jama.fake.TokenMode;
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
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * Provokes every {@link Reason} against a fake Jama that quotes the credentials and tokens it receives in its
 * answers, and checks that neither the secret, the Basic header, nor a token appears in any message, toString or
 * stack trace, nor in the toString of any value type.
 */
class NoSecretLeaksTest {

    private static final String SECRET = FakeJamaServer.CLIENT_SECRET;

    private final ManualClock clock = new ManualClock();
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private final FakeJamaServer jama =
            FakeJamaServer.https().contextPath("/jama").echoCredentials().start();
    private final List<String> tokens = new ArrayList<>();

    @AfterEach
    void stopJama() {
        jama.close();
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
                            "lease", new TokenLease(new AccessToken(SECRET, clock.instant()), true, e).toString());
                }));
    }

    @Test
    void valueTypesHideTheSecretAndTheToken() throws Exception {
        ClientCredentials credentials = credentials(jama.baseUrl(), SECRET);
        AccessToken token = client(ClientOptions.defaults()).requestToken(credentials);
        tokens.add(token.value());

        assertNoSecret("credentials", credentials.toString());
        assertNoSecret("cache key", credentials.cacheKey().toString());
        assertNoSecret("token", token.toString());
        assertNoSecret("lease", new TokenLease(token, false, null).toString());
        assertNoSecret(
                "user",
                client(ClientOptions.defaults())
                        .currentUser(credentials.baseUrl(), token)
                        .toString());
        assertNoSecret("options", ClientOptions.defaults().toString());
    }

    private Map<Reason, Executable> scenarios() throws Exception {
        Map<Reason, Executable> scenarios = new EnumMap<>(Reason.class);
        scenarios.put(
                Reason.BAD_URL,
                () -> JamaBaseUrl.parse(
                        "https://" + jama.clientId() + ":" + SECRET + "@jama.example.com", Scheme.HTTPS_ONLY));
        scenarios.put(Reason.INVALID_CLIENT, mintWith(TokenMode.INVALID_CLIENT));
        scenarios.put(Reason.NOT_PERMITTED, mintWith(TokenMode.FORBIDDEN_NOT_PERMITTED));
        scenarios.put(
                Reason.NO_TOKEN_ENDPOINT,
                () -> client(ClientOptions.defaults()).requestToken(credentials(jama.baseUrl() + "/wrong", SECRET)));
        scenarios.put(Reason.NOT_JAMA, mintWith(TokenMode.HTML_LOGIN_PAGE));
        scenarios.put(Reason.REDIRECTED, mintWith(TokenMode.REDIRECT_TO_OTHER_HOST));
        scenarios.put(Reason.RATE_LIMITED, mintWith(TokenMode.RATE_LIMITED));
        scenarios.put(Reason.SERVER_ERROR, mintWith(TokenMode.SERVER_ERROR));
        scenarios.put(Reason.TIMEOUT, () -> {
            jama.tokenMode(TokenMode.SLOW);
            client(ClientOptions.defaults()
                            .withRequestTimeout(Duration.ofMillis(200))
                            .withMaxAttempts(1))
                    .requestToken(credentials(jama.baseUrl(), SECRET));
        });
        scenarios.put(
                Reason.TLS_FAILURE,
                () -> new JamaTokenClient(
                                HttpClient.newBuilder()
                                        .followRedirects(HttpClient.Redirect.NEVER)
                                        .build(),
                                ClientOptions.defaults(),
                                clock,
                                sleeper)
                        .requestToken(credentials(jama.baseUrl(), SECRET)));
        scenarios.put(
                Reason.UNKNOWN_HOST,
                () -> client(ClientOptions.defaults())
                        .requestToken(credentials("https://jama.nowhere.invalid", SECRET)));
        scenarios.put(
                Reason.CONNECTION_REFUSED,
                () -> client(ClientOptions.defaults().withMaxAttempts(1))
                        .requestToken(credentials("https://127.0.0.1:" + closedPort(), SECRET)));
        scenarios.put(Reason.NETWORK, mintWith(TokenMode.DROP_CONNECTION));
        scenarios.put(Reason.MALFORMED_RESPONSE, () -> {
            try {
                mintWith(TokenMode.WRONG_TOKEN_TYPE).execute();
            } finally {
                tokens.add(jama.lastIssuedToken());
            }
        });
        scenarios.put(Reason.TOKEN_REJECTED, () -> {
            jama.tokenMode(TokenMode.TOKEN_2024);
            ClientCredentials credentials = credentials(jama.baseUrl(), SECRET);
            AccessToken token = client(ClientOptions.defaults()).requestToken(credentials);
            tokens.add(token.value());
            jama.revoke(token.value());
            client(ClientOptions.defaults()).currentUser(credentials.baseUrl(), token);
        });
        return scenarios;
    }

    private Executable mintWith(TokenMode mode) {
        return () -> {
            jama.tokenMode(mode);
            client(ClientOptions.defaults().withMaxAttempts(2)).requestToken(credentials(jama.baseUrl(), SECRET));
        };
    }

    private void assertNoSecret(String what, String text) {
        String basic =
                Base64.getEncoder().encodeToString((jama.clientId() + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
        assertThat(what, text, not(containsString(SECRET)));
        assertThat(what, text, not(containsString(basic)));
        for (String token : tokens) {
            assertThat(what, text, not(containsString(token)));
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

    private JamaTokenClient client(ClientOptions options) {
        return new JamaTokenClient(jama.newHttpClient(), options, clock, sleeper);
    }

    private ClientCredentials credentials(String url, String secret) throws JamaException {
        return new ClientCredentials(JamaBaseUrl.parse(url, Scheme.HTTPS_ONLY), jama.clientId(), secret);
    }
}
