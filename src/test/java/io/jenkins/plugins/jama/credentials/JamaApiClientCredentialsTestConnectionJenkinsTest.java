package io.jenkins.plugins.jama.credentials;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.jama.JamaConnect;
import io.jenkins.plugins.jama.client.JamaException;
import io.jenkins.plugins.jama.client.ObtainedToken;
import io.jenkins.plugins.jama.fake.FakeJamaExtension;
import io.jenkins.plugins.jama.fake.FakeJamaServer;
import io.jenkins.plugins.jama.fake.SelfSignedCertificate;
import io.jenkins.plugins.jama.fake.TestCertificates;
import io.jenkins.plugins.jama.fake.TokenMode;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jenkins.model.Jenkins;
import org.htmlunit.FormEncodingType;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.util.NameValuePair;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The Test Connection button against the fake Jama server over plain http, and who may press it. */
@WithJenkins
class JamaApiClientCredentialsTestConnectionJenkinsTest {

    private static final String DESCRIPTOR =
            "descriptorByName/" + JamaApiClientCredentialsImpl.class.getName() + "/testConnection";

    @RegisterExtension
    final FakeJamaExtension fakeJama = new FakeJamaExtension();

    private JenkinsRule r;
    private FakeJamaServer jama;

    @BeforeEach
    void beforeEach(JenkinsRule rule, FakeJamaServer jama) {
        r = rule;
        this.jama = jama;
    }

    @Test
    void success() throws Exception {
        Answer result = testConnection(jama.clientSecret());

        // Plain http: the connection works, and the user is told that it is unencrypted.
        assertThat(result.kind(), is(FormValidation.Kind.WARNING));
        assertThat(result.message(), containsString("Connected as jenkins-service (NAMED); token valid for 60 min"));
        assertThat(result.message(), containsString("plain http"));
        assertThat(jama.mints(), is(1));
        assertThat(jama.userRequests(), is(1));
    }

    @Test
    void rejectedSecret() throws Exception {
        Answer result = testConnection("not-the-secret");

        assertThat(result.kind(), is(FormValidation.Kind.ERROR));
        assertThat(result.message(), containsString("rejected the client ID or client secret (HTTP 401"));
        assertThat(result.message(), not(containsString("not-the-secret")));
        assertThat(jama.userRequests(), is(0));
    }

    @Test
    void htmlLoginPage() throws Exception {
        jama.tokenMode(TokenMode.HTML_LOGIN_PAGE);

        Answer result = testConnection(jama.clientSecret());

        assertThat(result.kind(), is(FormValidation.Kind.ERROR));
        assertThat(result.message(), containsString("answered with a web page"));
        assertThat(result.message(), not(containsString(jama.clientSecret())));
    }

    /** Someone is waiting at the button: one attempt, no back-off, however busy Jama is. */
    @Test
    void rateLimited() throws Exception {
        jama.tokenMode(TokenMode.RATE_LIMITED);

        Answer result = testConnection(jama.clientSecret());

        assertThat(result.kind(), is(FormValidation.Kind.ERROR));
        assertThat(result.message(), containsString("limiting the request rate (HTTP 429)"));
        assertThat(jama.tokenRequests(), is(1));
        assertThat(jama.mints(), is(0));
    }

    @Test
    void blankSecretIsRefusedBeforeCallingJama() throws Exception {
        Answer result = testConnection("  ");

        assertThat(result.kind(), is(FormValidation.Kind.ERROR));
        assertThat(result.message(), containsString("only once"));
        assertThat(jama.tokenRequests(), is(0));
    }

    @Test
    void refusedWithoutPermissionAtTheRoot() throws Exception {
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ)
                .everywhere()
                .to("reader")
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("admin"));

        assertThat(
                post(r.createWebClient().login("reader"), "").getWebResponse().getStatusCode(), is(403));
        assertThat(jama.tokenRequests(), is(0));

        Page allowed = post(r.createWebClient().login("admin"), "");
        assertThat(allowed.getWebResponse().getStatusCode(), is(200));
        assertThat(allowed.getWebResponse().getContentAsString(), containsString("Connected as jenkins-service"));
        assertThat(allowed.getWebResponse().getContentAsString(), not(containsString(jama.clientSecret())));
    }

    @Test
    void folderCredentialManagersMayTestInTheirFolderOnly() throws Exception {
        Folder folder = r.jenkins.createProject(Folder.class, "team");
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ)
                .everywhere()
                .to("manager", "viewer")
                .grant(Item.READ, CredentialsProvider.CREATE)
                .onItems(folder)
                .to("manager")
                .grant(Item.READ)
                .onItems(folder)
                .to("viewer"));

        Page inFolder = post(r.createWebClient().login("manager"), "job/team/");
        assertThat(inFolder.getWebResponse().getStatusCode(), is(200));
        assertThat(inFolder.getWebResponse().getContentAsString(), containsString("Connected as jenkins-service"));

        assertThat(
                post(r.createWebClient().login("manager"), "").getWebResponse().getStatusCode(), is(403));
        assertThat(
                post(r.createWebClient().login("viewer"), "job/team/")
                        .getWebResponse()
                        .getStatusCode(),
                is(403));
        assertThat(jama.tokenRequests(), is(1));
    }

    @Test
    void getIsNotAccepted() throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        WebRequest request = new WebRequest(new URL(
                r.getURL(),
                DESCRIPTOR + "?" + "baseUrl=" + jama.baseUrl() + "&clientId=" + jama.clientId() + "&clientSecret="
                        + jama.clientSecret()));

        Page page = wc.getPage(request);

        assertThat(page.getWebResponse().getStatusCode(), not(is(200)));
        assertThat(jama.tokenRequests(), is(0));
    }

    @Test
    void sameResultThroughTheCredentialConstructedFromTheForm() throws Exception {
        // What Test Connection checks is what the credential saved from the same form would use.
        JamaApiClientCredentialsImpl saved = new JamaApiClientCredentialsImpl(
                CredentialsScope.GLOBAL, "jama", null, jama.baseUrl() + "/", jama.clientId(), jama.clientSecret());
        SystemCredentialsProvider.getInstance().getCredentials().add(saved);

        Answer result = testConnection(
                saved.getBaseUrl(),
                saved.getClientId(),
                saved.getClientSecret().getEncryptedValue(),
                saved.getTrustedCertificates(),
                saved.getId());

        assertThat(result.message(), containsString("Connected as jenkins-service"));
    }

    /**
     * After API credentials were regenerated or deleted in Jama, one press of the button resets what builds get: a
     * working test puts its new token into the cache, a rejected one drops the cached token.
     */
    @Test
    void testConnectionReplacesOrDropsTheTokenBuildsGet() throws Exception {
        JamaApiClientCredentialsImpl credentials = new JamaApiClientCredentialsImpl(
                CredentialsScope.GLOBAL, "jama", null, jama.baseUrl(), jama.clientId(), jama.clientSecret());
        Duration minute = Duration.ofMinutes(1);
        String cached = JamaConnect.obtain(credentials, minute).token().value();

        assertThat(testConnection(jama.clientSecret()).message(), containsString("Connected as jenkins-service"));
        ObtainedToken afterSuccess = JamaConnect.obtain(credentials, minute);
        assertThat(afterSuccess.reused(), is(true));
        assertThat(afterSuccess.token().value(), is(jama.lastIssuedToken()));
        assertThat(afterSuccess.token().value(), not(cached));

        jama.tokenMode(TokenMode.INVALID_CLIENT);
        assertThat(testConnection(jama.clientSecret()).kind(), is(FormValidation.Kind.ERROR));
        JamaException failure = assertThrows(JamaException.class, () -> JamaConnect.obtain(credentials, minute));
        assertThat(failure.getReason(), is(JamaException.Reason.INVALID_CLIENT));
        assertThat(jama.mints(), is(2));
    }

    @Test
    void aSelfHostedJamaWithAPrivateCaWorksOnceItsCertificateIsPasted() throws Exception {
        try (FakeJamaServer selfHosted =
                FakeJamaServer.https().contextPath("/contour").start()) {
            Answer untrusted =
                    testConnection(selfHosted.baseUrl(), selfHosted.clientId(), selfHosted.clientSecret(), "", "");
            assertThat(untrusted.kind(), is(FormValidation.Kind.ERROR));
            assertThat(untrusted.message(), containsString("Trusted CA certificates field"));

            Answer trusted = testConnection(
                    selfHosted.baseUrl(),
                    selfHosted.clientId(),
                    selfHosted.clientSecret(),
                    TestCertificates.pem(SelfSignedCertificate.get().certificate()),
                    "");
            assertThat(trusted.message(), trusted.kind(), is(FormValidation.Kind.OK));
            assertThat(selfHosted.mints(), is(1));
        }
    }

    @Test
    void unreadableCertificatesAreNamedBeforeAnyCall() throws Exception {
        Answer result = testConnection(jama.baseUrl(), jama.clientId(), jama.clientSecret(), "not a certificate", "");

        assertThat(result.kind(), is(FormValidation.Kind.ERROR));
        assertThat(result.message(), containsString("No certificate found"));
        assertThat(jama.mints(), is(0));
    }

    private Answer testConnection(String clientSecret) throws Exception {
        return testConnection(jama.baseUrl(), jama.clientId(), clientSecret, "", "");
    }

    /** Presses the button as the form does: a POST of the fields, encoded as a browser encodes them. */
    private Answer testConnection(String baseUrl, String clientId, String secret, String trusted, String id)
            throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient();
        WebRequest request = new WebRequest(wc.createCrumbedUrl(DESCRIPTOR), HttpMethod.POST);
        request.setEncodingType(FormEncodingType.URL_ENCODED);
        request.setRequestBody(Stream.of(
                        "baseUrl=" + encode(baseUrl),
                        "clientId=" + encode(clientId),
                        "clientSecret=" + encode(secret),
                        "trustedCertificates=" + encode(trusted),
                        "id=" + encode(id))
                .collect(Collectors.joining("&")));
        return Answer.of(wc.getPage(request).getWebResponse().getContentAsString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** What the button shows: a {@code FormValidation} as Jenkins renders it. */
    private record Answer(FormValidation.Kind kind, String message) {

        private static final Pattern RENDERED =
                Pattern.compile("<div class=\"(error|warning|ok)\">(.*)</div>", Pattern.DOTALL);

        static Answer of(String html) {
            Matcher m = RENDERED.matcher(html.strip());
            if (!m.matches()) {
                return new Answer(FormValidation.Kind.OK, html.strip());
            }
            String text = m.group(2)
                    .replace("&nbsp;", " ")
                    .replace("<br>", "\n")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&#039;", "'")
                    .replace("&amp;", "&");
            return new Answer(FormValidation.Kind.valueOf(m.group(1).toUpperCase(Locale.ROOT)), text);
        }
    }

    private Page post(JenkinsRule.WebClient client, String contextPath) throws Exception {
        JenkinsRule.WebClient wc = client.withThrowExceptionOnFailingStatusCode(false);
        WebRequest request = new WebRequest(new URL(r.getURL(), contextPath + DESCRIPTOR), HttpMethod.POST);
        request.setRequestParameters(List.of(
                new NameValuePair("baseUrl", jama.baseUrl()),
                new NameValuePair("clientId", jama.clientId()),
                new NameValuePair("clientSecret", jama.clientSecret())));
        return wc.getPage(wc.addCrumb(request));
    }
}
