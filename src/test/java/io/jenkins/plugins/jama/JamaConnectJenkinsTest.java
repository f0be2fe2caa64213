package io.jenkins.plugins.jama;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.sameInstance;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.cloudbees.plugins.credentials.CredentialsScope;
import hudson.ProxyConfiguration;
import hudson.util.Secret;
import io.jenkins.plugins.jama.client.AccessToken;
import io.jenkins.plugins.jama.client.JamaException;
import io.jenkins.plugins.jama.client.JamaHttp;
import io.jenkins.plugins.jama.client.ObtainedToken;
import io.jenkins.plugins.jama.client.TrustedCertificates;
import io.jenkins.plugins.jama.credentials.JamaApiClientCredentialsImpl;
import io.jenkins.plugins.jama.fake.AuthenticatingProxy;
import io.jenkins.plugins.jama.fake.FakeJamaExtension;
import io.jenkins.plugins.jama.fake.FakeJamaServer;
import io.jenkins.plugins.jama.fake.SelfSignedCertificate;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Mints share HTTP clients while the proxy settings stay the same, one per set of trusted certificates; the proxy and
 * its exceptions are Jenkins' own, and no client has an authenticator that would drop Jama's Authorization header.
 */
@WithJenkins
class JamaConnectJenkinsTest {

    @RegisterExtension
    final FakeJamaExtension fakeJama = new FakeJamaExtension();

    @Test
    void oneClientPerProxyConfigurationAndTrustedCertificates(JenkinsRule r) throws Exception {
        r.jenkins.setProxy(null);
        HttpClient direct = JamaConnect.httpClient(TrustedCertificates.NONE);
        assertThat(JamaConnect.httpClient(TrustedCertificates.NONE), sameInstance(direct));
        assertThat(direct.proxy().isPresent(), is(false));
        assertThat(direct.followRedirects(), is(HttpClient.Redirect.NEVER));

        TrustedCertificates privateCa =
                TrustedCertificates.parse(pem(SelfSignedCertificate.get().certificate()));
        HttpClient trusting = JamaConnect.httpClient(privateCa);
        assertThat(trusting, not(sameInstance(direct)));
        assertThat(JamaConnect.httpClient(privateCa), sameInstance(trusting));

        r.jenkins.setProxy(new ProxyConfiguration("proxy.example.invalid", 3128, "proxy-user", "proxy-password"));
        HttpClient proxied = JamaConnect.httpClient(TrustedCertificates.NONE);
        assertThat(proxied, not(sameInstance(direct)));
        assertThat(proxied.authenticator().isPresent(), is(false));
        assertThat(JamaConnect.httpClient(TrustedCertificates.NONE), sameInstance(proxied));

        r.jenkins.getProxy().setNoProxyHost("jama.example.com");
        assertThat(JamaConnect.httpClient(TrustedCertificates.NONE), not(sameInstance(proxied)));
    }

    @Test
    void jenkinsNoProxyHostsBypassTheProxy(JenkinsRule r) throws Exception {
        r.jenkins.setProxy(new ProxyConfiguration(
                "proxy.example.invalid", 3128, null, null, "*.internal.example\njama.example.com"));
        ProxySelector selector =
                JamaConnect.httpClient(TrustedCertificates.NONE).proxy().orElseThrow();

        assertThat(
                selector.select(URI.create("https://JAMA.example.com/rest/oauth/token")), is(List.of(Proxy.NO_PROXY)));
        assertThat(selector.select(URI.create("https://jama.internal.example")), is(List.of(Proxy.NO_PROXY)));
        Proxy proxy =
                selector.select(URI.create("https://example.jamacloud.com")).get(0);
        assertThat(proxy.type(), is(Proxy.Type.HTTP));
        assertThat(((InetSocketAddress) proxy.address()).getHostString(), is("proxy.example.invalid"));
    }

    @Test
    void mintsThroughTheAuthenticatingProxyConfiguredInJenkins(JenkinsRule r, FakeJamaServer jama) throws Exception {
        try (AuthenticatingProxy proxy = new AuthenticatingProxy("proxy-user", "proxy-password")) {
            r.jenkins.setProxy(new ProxyConfiguration("127.0.0.1", proxy.port(), "proxy-user", "proxy-password"));
            JamaApiClientCredentialsImpl credentials = new JamaApiClientCredentialsImpl(
                    CredentialsScope.GLOBAL, "jama", null, jama.baseUrl(), jama.clientId(), jama.clientSecret());

            ObtainedToken lease = JamaConnect.obtain(credentials, Duration.ofMinutes(1));

            assertThat(lease.token().value(), is(jama.lastIssuedToken()));
            // The mint, then the lookup of the token's user for the build's record: both through the proxy.
            assertThat(proxy.forwarded(), is(2));
            assertThat(jama.lastTokenRequest().authorization(), startsWith("Basic "));
            assertThat(lease.user().username(), is(FakeJamaServer.USERNAME));

            r.jenkins.getProxy().setSecretPassword(Secret.fromString("wrong"));
            JamaException e = assertThrows(
                    JamaException.class,
                    () -> JamaConnect.newClient(JamaHttp.Limits.FOR_BUILDS, TrustedCertificates.NONE)
                            .mint(JamaConnect.toClientCredentials(credentials)));
            assertThat(e.getReason(), is(JamaException.Reason.PROXY_REFUSED));
        }
    }

    /** The call other plugins make: the token builds share, minted once while it has enough validity left. */
    @Test
    void anotherPluginGetsTheTokenBuildsShare(JenkinsRule r) throws Exception {
        try (FakeJamaServer jama = FakeJamaServer.http().start()) {
            JamaApiClientCredentialsImpl credentials = new JamaApiClientCredentialsImpl(
                    CredentialsScope.GLOBAL, "jama", null, jama.baseUrl(), jama.clientId(), jama.clientSecret());

            AccessToken first = JamaConnect.token(credentials, Duration.ofMinutes(10));
            AccessToken again = JamaConnect.token(credentials, Duration.ofMinutes(10));

            assertThat(first.value(), is(jama.lastIssuedToken()));
            assertThat(again.value(), is(first.value()));
            assertThat(jama.mints(), is(1));
            assertThat(JamaConnect.obtain(credentials, Duration.ofMinutes(10)).reused(), is(true));

            JamaApiClientCredentialsImpl wrongSecret = new JamaApiClientCredentialsImpl(
                    CredentialsScope.GLOBAL, "wrong", null, jama.baseUrl(), jama.clientId(), "not-the-secret");
            IOException refused =
                    assertThrows(IOException.class, () -> JamaConnect.token(wrongSecret, Duration.ofMinutes(10)));
            assertThat(refused.getMessage(), containsString("rejected the client ID or client secret"));
            assertThat(refused.getMessage(), not(containsString("not-the-secret")));
        }
    }

    private static String pem(X509Certificate certificate) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder().encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}
