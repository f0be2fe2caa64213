package io.jenkins.plugins.jama.client;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jenkins.plugins.jama.client.JamaException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientCredentialsTest {

    @Test
    void acceptsAClientIdAsJamaShowsIt() throws Exception {
        ClientCredentials credentials = new ClientCredentials(url(), "rbfogo319n6ibtb", "c4gj8xhzx5fyej16bzv9l1brh");

        assertThat(credentials.clientId(), is("rbfogo319n6ibtb"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"rbfogo319n6ibtb:c4gj8xhzx5fyej16bzv9l1brh", "rbfogo 319n6ibtb", " rbfogo319n6ibtb", "id\n"})
    void refusesAClientIdThatBasicAuthenticationCannotCarry(String clientId) throws Exception {
        JamaBaseUrl url = url();

        JamaException e = assertThrows(JamaException.class, () -> new ClientCredentials(url, clientId, "secret"));

        assertThat(e.getReason(), is(Reason.BAD_CLIENT_ID));
        assertThat(e.getMessage(), containsString("a colon, a space or a control character"));
        assertThat(e.getMessage(), containsString("Set API Credentials"));
        assertThat(e.getMessage(), not(containsString("c4gj8x")));
        assertThat(e.getMessage(), not(containsString("rbfogo")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t"})
    void refusesABlankClientId(String clientId) throws Exception {
        JamaBaseUrl url = url();

        JamaException e = assertThrows(JamaException.class, () -> new ClientCredentials(url, clientId, "secret"));

        assertThat(e.getReason(), is(Reason.BAD_CLIENT_ID));
        assertThat(e.getMessage(), containsString("The client ID is empty"));
    }

    private static JamaBaseUrl url() throws JamaException {
        return JamaBaseUrl.parse("https://example.jamacloud.com");
    }
}
