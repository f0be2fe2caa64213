package io.jenkins.plugins.jama.client;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.sameInstance;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jenkins.plugins.jama.client.JamaException.Reason;
import io.jenkins.plugins.jama.fake.FakeJamaExtension;
import io.jenkins.plugins.jama.fake.FakeJamaServer;
import io.jenkins.plugins.jama.fake.SelfSignedCertificate;
import io.jenkins.plugins.jama.fake.TestCertificates;
import io.jenkins.plugins.jama.fake.TestCertificates.Issued;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TrustedCertificatesTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final Duration YEAR = Duration.ofDays(365);

    @RegisterExtension
    final FakeJamaExtension fakeJama = new FakeJamaExtension().https();

    private FakeJamaServer jama;

    @BeforeEach
    void beforeEach(FakeJamaServer jama) {
        this.jama = jama;
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  \n "})
    void blankMeansTheRuntimesCasOnly(String pem) throws JamaException {
        assertThat(TrustedCertificates.parse(pem), sameInstance(TrustedCertificates.NONE));
    }

    @Test
    void namesEachCertificateOfAChain() throws Exception {
        Issued ca = TestCertificates.ca("Example Root CA", NOW.minus(YEAR), NOW.plus(YEAR));
        Issued server = TestCertificates.signedBy(ca, "jama.example.com", NOW.minus(YEAR), NOW.plus(YEAR));

        TrustedCertificates trusted = TrustedCertificates.parse("Root:\n" + ca.pem() + "\nServer:\n" + server.pem());

        List<String> lines = trusted.describe(NOW);
        assertThat(lines, hasSize(2));
        assertThat(
                lines.get(0),
                allOf(
                        containsString("Subject CN=Example Root CA"),
                        containsString("issued by CN=Example Root CA"),
                        containsString("valid until " + NOW.plus(YEAR))));
        assertThat(lines.get(0), not(containsString("not a CA")));
        assertThat(lines.get(1), allOf(containsString("Subject CN=jama.example.com"), containsString("not a CA")));
        assertThat(trusted.hasWarnings(NOW), is(true));
    }

    @Test
    void aValidCaHasNoWarning() throws Exception {
        Issued ca = TestCertificates.ca("Example Root CA", NOW.minus(YEAR), NOW.plus(YEAR));

        assertThat(TrustedCertificates.parse(ca.pem()).hasWarnings(NOW), is(false));
    }

    @Test
    void warnsAboutAnExpiredCertificate() throws Exception {
        Issued old = TestCertificates.ca("Old Root CA", NOW.minus(YEAR.multipliedBy(2)), NOW.minus(YEAR));

        TrustedCertificates trusted = TrustedCertificates.parse(old.pem());

        assertThat(trusted.hasWarnings(NOW), is(true));
        assertThat(trusted.describe(NOW).get(0), containsString("It has expired"));
    }

    @Test
    void refusesAPrivateKeyWithoutRepeatingIt() throws Exception {
        Issued ca = TestCertificates.ca("Example Root CA", NOW.minus(YEAR), NOW.plus(YEAR));
        String key = TestCertificates.privateKeyPem(ca.keys());
        String keyBody =
                Base64.getEncoder().encodeToString(ca.keys().getPrivate().getEncoded());

        JamaException e = assertThrows(JamaException.class, () -> TrustedCertificates.parse(ca.pem() + key));

        assertThat(e.getReason(), is(Reason.BAD_CERTIFICATES));
        assertThat(e.getMessage(), startsWith("Block 2 is a private key"));
        assertThat(e.getMessage(), not(containsString(keyBody.substring(0, 20))));
    }

    @Test
    void refusesTextWithoutCertificates() {
        JamaException e = assertThrows(JamaException.class, () -> TrustedCertificates.parse("my CA is Example Root"));

        assertThat(e.getMessage(), startsWith("No certificate found"));
    }

    @Test
    void refusesACertificateCutShort() throws Exception {
        String pem = TestCertificates.ca("Example Root CA", NOW.minus(YEAR), NOW.plus(YEAR))
                .pem();
        String cut = pem.substring(0, pem.indexOf('\n') + 30) + "\n-----END CERTIFICATE-----\n";

        JamaException e = assertThrows(JamaException.class, () -> TrustedCertificates.parse(cut));

        assertThat(e.getMessage(), startsWith("Certificate 1 cannot be read"));
    }

    @Test
    void refusesOtherPemBlocks() {
        JamaException e = assertThrows(
                JamaException.class,
                () -> TrustedCertificates.parse(
                        "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----"));

        assertThat(e.getMessage(), startsWith("Block 1 is a certificate request"));
    }

    @Test
    void aSelfHostedJamaWithAPrivateCertificateFailsWithAHintToThisField() throws Exception {
        JamaException e = assertThrows(JamaException.class, () -> mintTrusting(TrustedCertificates.NONE));

        assertThat(e.getReason(), is(Reason.TLS_FAILURE));
        assertThat(e.getMessage(), containsString("Trusted CA certificates field"));
    }

    @Test
    void worksWhenItsCertificateIsTrusted() throws Exception {
        TrustedCertificates trusted = TrustedCertificates.parse(
                TestCertificates.pem(SelfSignedCertificate.get().certificate()));

        AccessToken token = mintTrusting(trusted);

        assertThat(token.value(), startsWith("fake."));
        assertThat(jama.mints(), is(1));
    }

    @Test
    void anotherCasCertificateDoesNotHelp() throws Exception {
        Issued other = TestCertificates.ca(
                "Another Root CA", Instant.now().minus(YEAR), Instant.now().plus(YEAR));

        JamaException e = assertThrows(JamaException.class, () -> mintTrusting(TrustedCertificates.parse(other.pem())));

        assertThat(e.getReason(), is(Reason.TLS_FAILURE));
        assertThat(jama.mints(), is(0));
    }

    private AccessToken mintTrusting(TrustedCertificates trusted) throws Exception {
        JamaHttp http = new JamaHttp(
                JamaHttp.newHttpClient(null, trusted),
                null,
                JamaHttp.Limits.FOR_CONNECTION_TEST,
                "test",
                Clock.systemUTC(),
                JamaHttp.Sleeper.REAL);
        return new JamaTokenClient(http)
                .mint(new ClientCredentials(JamaBaseUrl.parse(jama.baseUrl()), jama.clientId(), jama.clientSecret()))
                .token();
    }
}
