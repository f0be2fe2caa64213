package io.jenkins.plugins.jama;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.jama.client.JamaException;
import io.jenkins.plugins.jama.client.JamaUser;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConnectionTestReportTest {

    @Test
    void successNamesUserLicenceAndTokenLifetime() {
        FormMessage message =
                ConnectionTestReport.connected(new JamaUser("jressler", "NAMED"), Duration.ofSeconds(3599), true);

        assertThat(message, is(FormMessage.ok("Connected as jressler (NAMED); token valid for 60 min")));
    }

    @Test
    void unknownLicenceTypeIsLeftOut() {
        FormMessage message = ConnectionTestReport.connected(new JamaUser("svc", null), Duration.ofMinutes(15), true);

        assertThat(message, is(FormMessage.ok("Connected as svc; token valid for 15 min")));
    }

    @Test
    void successOverHttpIsAWarning() {
        FormMessage message =
                ConnectionTestReport.connected(new JamaUser("svc", "NAMED"), Duration.ofMinutes(59), false);

        assertThat(message.kind(), is(FormMessage.Kind.WARNING));
        assertThat(
                message.text(),
                is("Connected as svc (NAMED); token valid for 59 min. The connection uses plain http, so the client"
                        + " secret and tokens travel unencrypted."));
    }

    @Test
    void failureShowsTheClientsMessage() {
        JamaException rejected = new JamaException(
                JamaException.Reason.INVALID_CLIENT,
                "Jama at https://example.jamacloud.com rejected the client ID or secret.");

        assertThat(
                ConnectionTestReport.failed(rejected),
                is(FormMessage.error("Jama at https://example.jamacloud.com rejected the client ID or secret.")));
    }

    @Test
    void minutesAreRoundedToTheNearest() {
        assertThat(ConnectionTestReport.roundedMinutes(Duration.ofSeconds(89)), is(1L));
        assertThat(ConnectionTestReport.roundedMinutes(Duration.ofSeconds(90)), is(2L));
        assertThat(ConnectionTestReport.roundedMinutes(Duration.ZERO), is(0L));
        assertThat(ConnectionTestReport.roundedMinutes(Duration.ofSeconds(-5)), is(0L));
    }
}
