package io.jenkins.plugins.jama;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.jama.client.ClientOptions;
import io.jenkins.plugins.jama.client.JamaTokenClient;
import io.jenkins.plugins.jama.fake.FakeJamaServer;
import io.jenkins.plugins.jama.fake.ManualClock;
import io.jenkins.plugins.jama.fake.RecordingSleeper;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Test Connection button without Jenkins: against the fake Jama, on a clock that moves only when told. */
class ConnectionTestTest {

    private final ManualClock clock = new ManualClock();
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private final FakeJamaServer jama = FakeJamaServer.http().start();

    @AfterEach
    void stopJama() {
        jama.close();
    }

    @Test
    void namesTheUserAndHowLongTheTokenLasts() {
        FormMessage message = connectionTest().run(jama.baseUrl(), jama.clientId(), jama.clientSecret());

        assertThat(message.kind(), is(FormMessage.Kind.WARNING)); // plain http
        assertThat(message.text(), containsString("Connected as " + FakeJamaServer.USERNAME + " (NAMED)"));
        assertThat(message.text(), containsString("token valid for 60 min"));
    }

    @Test
    void theTokenAndTheUserCallShareOneDeadline() {
        jama.onTokenRequest(() -> clock.advance(Duration.ofSeconds(21)));

        FormMessage message = connectionTest().run(jama.baseUrl(), jama.clientId(), jama.clientSecret());

        assertThat(message.kind(), is(FormMessage.Kind.ERROR));
        assertThat(message.text(), containsString("no time left to call Jama at " + jama.baseUrl()));
        assertThat(jama.mints(), is(1));
        assertThat(jama.userRequests(), is(0));
    }

    private ConnectionTest connectionTest() {
        ClientOptions options = JamaTokens.FOR_CONNECTION_TEST;
        return new ConnectionTest(new JamaTokenClient(jama.newHttpClient(), options, clock, sleeper), clock);
    }
}
