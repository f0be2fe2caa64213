package io.jenkins.plugins.jama.credentials;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jenkins.plugins.jama.client.JamaBaseUrl;
import io.jenkins.plugins.jama.client.JamaException;
import io.jenkins.plugins.jama.fake.TestCertificates;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CredentialChecksTest {

    @Test
    void httpsBaseUrlShowsWhatWillBeUsed() {
        FormMessage message = CredentialChecks.checkBaseUrl("https://example.jamacloud.com/rest/v1/");

        assertThat(message.kind(), is(FormMessage.Kind.OK));
        assertThat(message.text(), is("Will use https://example.jamacloud.com"));
    }

    @Test
    void internationalisedHostIsShownAsTheAsciiNameThatWillBeUsed() {
        FormMessage message = CredentialChecks.checkBaseUrl("https://bücher.example/contour/");

        assertThat(message.kind(), is(FormMessage.Kind.OK));
        assertThat(message.text(), is("Will use https://xn--bcher-kva.example/contour"));
    }

    @Test
    void httpBaseUrlIsAcceptedWithAWarning() {
        FormMessage message = CredentialChecks.checkBaseUrl("http://jama.local/contour");

        assertThat(message.kind(), is(FormMessage.Kind.WARNING));
        assertThat(message.text(), startsWith("Will use http://jama.local/contour. "));
        assertThat(message.text(), containsString("unencrypted"));
    }

    @Test
    void refusedBaseUrlShowsTheClientsMessageUnchanged() {
        JamaException refusal = assertThrows(JamaException.class, () -> JamaBaseUrl.parse("ftp://jama.example.com"));

        FormMessage message = CredentialChecks.checkBaseUrl("ftp://jama.example.com");

        assertThat(message.kind(), is(FormMessage.Kind.ERROR));
        assertThat(message.text(), is(refusal.getMessage()));
    }

    @Test
    void clientIdIsTrimmedBeforeItIsChecked() {
        assertThat(CredentialChecks.checkClientId("  rbfogo319n6ibtb \n"), is(FormMessage.ok()));
    }

    @Test
    void blankClientIdSaysWhereToFindIt() {
        FormMessage message = CredentialChecks.checkClientId("   ");

        assertThat(message.kind(), is(FormMessage.Kind.ERROR));
        assertThat(message.text(), containsString("Set API Credentials"));
        assertThat(CredentialChecks.checkClientId(null), is(message));
    }

    @Test
    void clientIdWithAColonOrSpaceIsRefused() {
        assertThat(CredentialChecks.checkClientId("abc:def").kind(), is(FormMessage.Kind.ERROR));
        assertThat(CredentialChecks.checkClientId("abc def").kind(), is(FormMessage.Kind.ERROR));
        assertThat(
                CredentialChecks.checkClientId("abc:def").text(),
                is("The client ID contains a colon, a space or a control character, which HTTP Basic authentication"
                        + " cannot carry. Copy the client ID exactly as Jama shows it under My Profile > Set API"
                        + " Credentials; the client secret goes in its own field."));
    }

    @Test
    void blankClientSecretExplainsThatJamaShowsItOnce() {
        assertThat(CredentialChecks.clientSecretProblem(""), containsString("only once"));
        assertThat(CredentialChecks.clientSecretProblem("c4gj8xhzx5fyej16bzv9l1brh"), is(nullValue()));
    }

    @Test
    void trustedCertificatesAreNamedSoTheAdminSeesWhatWasPasted() throws Exception {
        Instant now = Instant.now();
        TestCertificates.Issued ca =
                TestCertificates.ca("Example Root CA", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));

        FormMessage message = CredentialChecks.checkTrustedCertificates(ca.pem(), now);

        assertThat(message.kind(), is(FormMessage.Kind.OK));
        assertThat(message.text(), containsString("Subject CN=Example Root CA, issued by CN=Example Root CA"));
        assertThat(CredentialChecks.checkTrustedCertificates("", now), is(FormMessage.ok()));
    }

    @Test
    void aServerCertificateInsteadOfItsCaIsAWarning() throws Exception {
        Instant now = Instant.now();
        TestCertificates.Issued ca =
                TestCertificates.ca("Example Root CA", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
        TestCertificates.Issued server = TestCertificates.signedBy(
                ca, "jama.example.com", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(90)));

        FormMessage message = CredentialChecks.checkTrustedCertificates(server.pem(), now);

        assertThat(message.kind(), is(FormMessage.Kind.WARNING));
        assertThat(message.text(), containsString("not a CA certificate"));
    }

    @Test
    void aPrivateKeyIsAnError() throws Exception {
        Instant now = Instant.now();
        TestCertificates.Issued ca =
                TestCertificates.ca("Example Root CA", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));

        FormMessage message = CredentialChecks.checkTrustedCertificates(TestCertificates.privateKeyPem(ca.keys()), now);

        assertThat(message.kind(), is(FormMessage.Kind.ERROR));
        assertThat(message.text(), containsString("is a private key"));
    }
}
