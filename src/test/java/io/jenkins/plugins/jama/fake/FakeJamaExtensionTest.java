package io.jenkins.plugins.jama.fake;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import io.jenkins.plugins.jama.client.ClientCredentials;
import io.jenkins.plugins.jama.client.JamaBaseUrl;
import io.jenkins.plugins.jama.client.JamaHttp;
import io.jenkins.plugins.jama.client.ObtainedToken;
import io.jenkins.plugins.jama.client.TokenCache;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FakeJamaExtensionTest {

    @Nested
    class PlainHttp {

        @RegisterExtension
        final FakeJamaExtension fakeJama = new FakeJamaExtension();

        private FakeJamaServer fromBeforeEach;

        @BeforeEach
        void beforeEach(FakeJamaServer jama) {
            fromBeforeEach = jama;
        }

        @Test
        void givesBeforeEachAndTheTestTheSameRunningServer(FakeJamaServer jama) throws Exception {
            assertThat(jama, is(fromBeforeEach));
            assertThat(jama.baseUrl(), startsWith("http://127.0.0.1:"));
            ClientCredentials credentials =
                    new ClientCredentials(JamaBaseUrl.parse(jama.baseUrl()), jama.clientId(), jama.clientSecret());

            ObtainedToken lease = TokenCache.shared()
                    .get(
                            credentials,
                            Duration.ofMinutes(1),
                            jama.newTokenClient(JamaHttp.Limits.FOR_BUILDS, Clock.systemUTC(), JamaHttp.Sleeper.REAL));

            assertThat(lease.reused(), is(false));
            assertThat(jama.mints(), is(1));
        }
    }

    @Nested
    class HttpsBelowAContextPath {

        @RegisterExtension
        final FakeJamaExtension fakeJama =
                new FakeJamaExtension().https().contextPath("/contour").echoCredentials();

        @Test
        void servesHttpsBelowThePathAndEchoesWhatItReceived(FakeJamaServer jama) throws Exception {
            assertThat(jama.baseUrl(), startsWith("https://127.0.0.1:"));
            assertThat(jama.baseUrl(), endsWith("/contour"));
            jama.tokenMode(TokenMode.INVALID_CLIENT);

            HttpResponse<String> answer = jama.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(jama.tokenUri())
                                    .header(
                                            "Authorization",
                                            "Basic " + FakeJamaServer.basic(jama.clientId(), "wrong-secret"))
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode(), is(401));
            assertThat(answer.body(), containsString("wrong-secret"));
        }
    }
}
