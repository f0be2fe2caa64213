package io.jenkins.plugins.jama.client;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jenkins.plugins.jama.client.JamaException.Reason;
import io.jenkins.plugins.jama.fake.AuthenticatingProxy;
import io.jenkins.plugins.jama.fake.FakeJamaExtension;
import io.jenkins.plugins.jama.fake.FakeJamaServer;
import io.jenkins.plugins.jama.fake.MintThroughProxy;
import io.jenkins.plugins.jama.fake.SelfSignedCertificate;
import io.jenkins.plugins.jama.fake.TestCertificates;
import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Minting through a real HTTP proxy that asks for Basic authentication (Jetty's, on loopback), with the client's own
 * {@code Proxy-Authorization} header and no {@link java.net.Authenticator}.
 */
class ProxyTest {

    private static final String PROXY_USER = "jenkins-proxy";
    private static final String PROXY_PASSWORD = "pr0xy-pa55word";

    private AuthenticatingProxy proxy;
    private FakeJamaServer jama;

    @BeforeEach
    void start() throws Exception {
        proxy = new AuthenticatingProxy(PROXY_USER, PROXY_PASSWORD);
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
    }

    @Nested
    class OverHttp {

        @RegisterExtension
        final FakeJamaExtension fakeJama = new FakeJamaExtension();

        @BeforeEach
        void beforeEach(FakeJamaServer jama) {
            ProxyTest.this.jama = jama;
        }

        @Test
        void mintsAndChecksTheTokenThroughTheProxyOverHttp() throws Exception {

            TokenSource.Minted minted = client(proxy.selector(), new ProxyCredentials(PROXY_USER, PROXY_PASSWORD))
                    .mint(credentials());

            assertThat(minted.user().username(), is(FakeJamaServer.USERNAME));
            assertThat(proxy.forwarded(), is(2));
            FakeJamaServer.RecordedRequest request = jama.lastTokenRequest();
            assertThat(
                    "the client's own Authorization header reached Jama",
                    request.authorization(),
                    startsWith("Basic "));
            assertThat("the proxy password stays with the proxy", request.proxyAuthorization(), is(nullValue()));
        }

        @Test
        void aWrongProxyPasswordNamesTheProxyNotTheClientSecret() throws Exception {

            JamaException e = assertThrows(
                    JamaException.class,
                    () -> client(proxy.selector(), new ProxyCredentials(PROXY_USER, "wrong-password"))
                            .mint(credentials()));

            assertThat(e.getReason(), is(Reason.PROXY_REFUSED));
            assertThat(e.getMessage(), containsString("refused the proxy user name or password set in Jenkins"));
            assertThat(e.getMessage(), containsString("not about the Jama client ID or secret"));
            assertThat(e.getMessage(), not(containsString("wrong-password")));
            assertThat(proxy.refused(), is(1));
            assertThat(jama.tokenRequests(), is(0));
        }

        @Test
        void aProxyThatWantsCredentialsNobodySetSaysWhereToSetThem() throws Exception {

            JamaException e = assertThrows(
                    JamaException.class, () -> client(proxy.selector(), null).mint(credentials()));

            assertThat(e.getReason(), is(Reason.PROXY_REFUSED));
            assertThat(e.getMessage(), containsString("asks for a user name and password (HTTP 407)"));
            assertThat(e.getMessage(), containsString("No Proxy Host"));
        }

        @Test
        void aNoProxyHostGoesDirectAndGetsNoProxyPassword() throws Exception {
            ProxySelector loopbackExcluded = new ProxySelector() {
                @Override
                public List<Proxy> select(URI uri) {
                    return List.of(uri.getHost().equals("127.0.0.1") ? Proxy.NO_PROXY : proxy.proxy());
                }

                @Override
                public void connectFailed(URI uri, SocketAddress address, IOException failure) {}
            };

            client(loopbackExcluded, new ProxyCredentials(PROXY_USER, PROXY_PASSWORD))
                    .mint(credentials());

            assertThat(jama.mints(), is(1));
            assertThat(proxy.forwarded() + proxy.tunnels() + proxy.refused(), is(0));
            assertThat(jama.lastTokenRequest().proxyAuthorization(), is(nullValue()));
        }
    }

    @Nested
    class OverHttps {

        @RegisterExtension
        final FakeJamaExtension fakeJama = new FakeJamaExtension().https();

        @BeforeEach
        void beforeEach(FakeJamaServer jama) {
            ProxyTest.this.jama = jama;
        }

        @Test
        void anHttpsTunnelWithJavasDefaultsNamesTheJavaOptionThatAllowsIt() throws Exception {
            assertThat(
                    "this JVM runs with Java's default, which keeps Basic out of tunnels",
                    System.getProperty(ResponseReader.TUNNELING_DISABLED_SCHEMES),
                    is(nullValue()));

            JamaException e = assertThrows(
                    JamaException.class,
                    () -> client(proxy.selector(), new ProxyCredentials(PROXY_USER, PROXY_PASSWORD), trustingFakeJama())
                            .mint(credentials()));

            assertThat(e.getReason(), is(Reason.PROXY_REFUSED));
            assertThat(e.getMessage(), containsString("-Djdk.http.auth.tunneling.disabledSchemes="));
            assertThat(jama.tokenRequests(), is(0));
        }

        /** In a JVM of its own, started with the option the message above names. */
        @Test
        void anHttpsTunnelWorksWhenJavaMaySendBasicToTheProxy(@TempDir Path temp) throws Exception {
            Path pem = temp.resolve("fake-jama.pem");
            Files.writeString(
                    pem, TestCertificates.pem(SelfSignedCertificate.get().certificate()));
            Process child = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-D" + ResponseReader.TUNNELING_DISABLED_SCHEMES + "=",
                            "-cp",
                            System.getProperty("java.class.path"),
                            MintThroughProxy.class.getName(),
                            String.valueOf(proxy.port()),
                            PROXY_USER,
                            PROXY_PASSWORD,
                            jama.baseUrl(),
                            jama.clientId(),
                            jama.clientSecret(),
                            pem.toString())
                    .redirectErrorStream(true)
                    .start();
            assertThat(child.waitFor(60, TimeUnit.SECONDS), is(true));
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(output, child.exitValue(), is(0));
            assertThat(output, containsString("minted"));
            assertThat(proxy.tunnels(), greaterThan(0));
            assertThat(jama.mints(), is(1));
            assertThat(jama.lastTokenRequest().proxyAuthorization(), is(nullValue()));
        }
    }

    private TrustedCertificates trustingFakeJama() throws JamaException {
        return TrustedCertificates.parse(
                TestCertificates.pem(SelfSignedCertificate.get().certificate()));
    }

    private JamaTokenClient client(ProxySelector selector, ProxyCredentials proxyCredentials) throws JamaException {
        return client(selector, proxyCredentials, TrustedCertificates.NONE);
    }

    private JamaTokenClient client(
            ProxySelector selector, ProxyCredentials proxyCredentials, TrustedCertificates trusted)
            throws JamaException {
        return new JamaTokenClient(new JamaHttp(
                JamaHttp.newHttpClient(selector, trusted),
                proxyCredentials,
                new JamaHttp.Limits(1, Duration.ofSeconds(60)),
                "test",
                Clock.systemUTC(),
                JamaHttp.Sleeper.REAL));
    }

    private ClientCredentials credentials() throws JamaException {
        return new ClientCredentials(JamaBaseUrl.parse(jama.baseUrl()), jama.clientId(), jama.clientSecret());
    }
}
