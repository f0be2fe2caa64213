package io.jenkins.plugins.jama.credentials;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.Item;
import hudson.model.ModelObject;
import hudson.util.Secret;
import io.jenkins.plugins.jama.fake.FakeJamaExtension;
import io.jenkins.plugins.jama.fake.FakeJamaServer;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jenkins.model.Jenkins;
import org.htmlunit.FormEncodingType;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlElementUtil;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Test Connection never decrypts a secret on behalf of the person pressing it: an encrypted secret in the form counts
 * only as the stored secret of the credential being edited, sent where that credential is saved to send it.
 */
@WithJenkins
class TestConnectionSecretJenkinsTest {

    private static final String TEST_CONNECTION =
            "descriptorByName/" + JamaApiClientCredentialsImpl.class.getName() + "/testConnection";
    private static final String GLOBAL_PLAIN_TEXT = "global-deploy-secret-4711";
    private static final String RETYPE = "Type the client secret again to test against this address";

    @RegisterExtension
    final FakeJamaExtension fakeJama = new FakeJamaExtension();

    private JenkinsRule r;
    private FakeJamaServer jama;
    private JamaApiClientCredentialsImpl teamJama;
    private String globalCiphertext;

    @BeforeEach
    void beforeEach(JenkinsRule rule, FakeJamaServer jama) throws Exception {
        r = rule;
        this.jama = jama;
        Folder team = r.jenkins.createProject(Folder.class, "team");
        teamJama = new JamaApiClientCredentialsImpl(
                CredentialsScope.GLOBAL, "team-jama", null, jama.baseUrl(), jama.clientId(), jama.clientSecret());
        storeOf(team).addCredentials(Domain.global(), teamJama);
        StringCredentialsImpl global = new StringCredentialsImpl(
                CredentialsScope.GLOBAL, "deploy-key", null, Secret.fromString(GLOBAL_PLAIN_TEXT));
        storeOf(r.jenkins).addCredentials(Domain.global(), global);
        globalCiphertext = global.getSecret().getEncryptedValue();
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ)
                .everywhere()
                .to("manager", "reader")
                .grant(Item.READ, CredentialsProvider.CREATE, CredentialsProvider.UPDATE, CredentialsProvider.VIEW)
                .onItems(team)
                .to("manager")
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("admin"));
    }

    /** The attack of the review: another credential's ciphertext, sent to an address the user controls. */
    @ParameterizedTest(name = "credential ID sent: \"{0}\"")
    @ValueSource(strings = {"", "deploy-key", "team-jama"})
    void anotherSecretsCiphertextIsNeverDecryptedNorSent(String id) throws Exception {
        WebResponse answer = post("manager", "job/team/", jama.baseUrl(), jama.clientId(), globalCiphertext, id);

        assertThat(answer.getStatusCode(), is(200));
        assertThat(answer.getContentAsString(), containsString(RETYPE));
        assertThat(answer.getContentAsString(), not(containsString(GLOBAL_PLAIN_TEXT)));
        assertThat(answer.getContentAsString(), not(containsString(globalCiphertext)));
        assertThat(jama.tokenRequests(), is(0));
    }

    @Test
    void anAdministratorCannotDecryptAnotherSecretEither() throws Exception {
        WebResponse answer = post("admin", "", jama.baseUrl(), jama.clientId(), globalCiphertext, "deploy-key");

        assertThat(answer.getContentAsString(), containsString(RETYPE));
        assertThat(jama.tokenRequests(), is(0));
    }

    /**
     * The form as the credentials page renders it. The manager may not configure the folder, so Jenkins shows the
     * secret field as {@code ********}; for an administrator it holds the stored secret, encrypted.
     */
    @Test
    void theUnchangedFormOfTheFoldersCredentialTestsWithItsStoredSecret() throws Exception {
        HtmlForm form = updateForm();

        String answer = pressTestConnection(form);

        assertThat(answer, containsString("Connected as jenkins-service"));
        assertThat(jama.mints(), is(1));
    }

    @Test
    void anotherAddressInTheFormNeedsTheSecretTypedAgain() throws Exception {
        try (FakeJamaServer elsewhere = FakeJamaServer.http().start()) {
            HtmlForm form = updateForm();
            form.getInputByName("_.baseUrl").setValue(elsewhere.baseUrl());

            assertThat(pressTestConnection(form), containsString(RETYPE));
            assertThat(elsewhere.tokenRequests() + jama.tokenRequests(), is(0));

            form.getInputByName("_.clientSecret").setValue(elsewhere.clientSecret());
            assertThat(pressTestConnection(form), containsString("Connected as jenkins-service"));
            assertThat(elsewhere.mints(), is(1));
            assertThat(jama.tokenRequests(), is(0));
        }
    }

    @Test
    void anotherClientIdInTheFormNeedsTheSecretTypedAgain() throws Exception {
        WebResponse answer = post(
                "manager",
                "job/team/",
                jama.baseUrl(),
                "another-client",
                teamJama.getClientSecret().getEncryptedValue(),
                "team-jama");

        assertThat(answer.getContentAsString(), containsString(RETYPE));
        assertThat(jama.tokenRequests(), is(0));
    }

    /** A base URL written differently but normalised to the stored one is the same address. */
    @Test
    void theStoredAddressMayBeWrittenDifferently() throws Exception {
        WebResponse answer = post(
                "manager",
                "job/team/",
                " " + jama.baseUrl() + "/rest/v1/ ",
                jama.clientId(),
                teamJama.getClientSecret().getEncryptedValue(),
                "team-jama");

        assertThat(answer.getContentAsString(), containsString("Connected as jenkins-service"));
        assertThat(jama.mints(), is(1));
    }

    /**
     * Refused before anything is sent: 403 where the user sees the place, 404 in a folder the user may not see, and
     * the sign-in page for an anonymous user.
     */
    @ParameterizedTest(name = "{0} in \"{1}\": {2}")
    @CsvSource({"reader,'',403", "reader,job/team/,404", "anonymous,'',sign-in", "anonymous,job/team/,sign-in"})
    void usersWhoMayNotManageCredentialsAreRefusedBeforeAnyCall(String user, String context, String refusal)
            throws Exception {
        r.jenkins.setCrumbIssuer(null); // so that only the permission check can refuse

        WebResponse answer = post(user, context, jama.baseUrl(), jama.clientId(), jama.clientSecret(), "");

        if (refusal.equals("sign-in")) {
            assertThat(answer.getContentAsString(), containsString("<title>Sign in - Jenkins</title>"));
        } else {
            assertThat(answer.getStatusCode(), is(Integer.parseInt(refusal)));
        }
        assertThat(answer.getContentAsString(), not(containsString("Connected")));
        assertThat(answer.getContentAsString(), not(containsString(jama.clientSecret())));
        assertThat(jama.tokenRequests(), is(0));
    }

    private HtmlForm updateForm() throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().login("manager");
        HtmlPage page = wc.goTo("job/team/credentials/store/folder/domain/_/credential/team-jama/");
        HtmlElementUtil.click((HtmlButton) page.getDocumentElement()
                .getElementsByAttribute("button", "data-type", "credentials-update")
                .get(0));
        HtmlForm form = page.getFormByName("updateCredentials");
        assertThat(form.getInputByName("_.clientSecret").getValue(), not(containsString(jama.clientSecret())));
        return form;
    }

    /** Presses the button and returns what it shows below itself once Jenkins has answered. */
    private static String pressTestConnection(HtmlForm form) throws Exception {
        HtmlButton button = form.getFirstByXPath("//button[contains(@class, 'validate-button')]");
        assertThat(button, notNullValue());
        HtmlElementUtil.click(button);
        HtmlElement status = form.getFirstByXPath("//div[@class='jenkins-validate-button__container__status']");
        return status.getVisibleText();
    }

    /** Posts the form's fields encoded as a browser does, so that a {@code +} in a ciphertext arrives as sent. */
    private WebResponse post(String user, String context, String baseUrl, String clientId, String secret, String id)
            throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        wc.getOptions().setRedirectEnabled(false);
        if (!user.equals("anonymous")) {
            wc.login(user);
        }
        URL url = r.jenkins.getCrumbIssuer() == null
                ? new URL(r.getURL(), context + TEST_CONNECTION)
                : wc.createCrumbedUrl(context + TEST_CONNECTION);
        WebRequest request = new WebRequest(url, HttpMethod.POST);
        request.setEncodingType(FormEncodingType.URL_ENCODED);
        request.setRequestBody(Stream.of(
                        "baseUrl=" + encode(baseUrl),
                        "clientId=" + encode(clientId),
                        "clientSecret=" + encode(secret),
                        "trustedCertificates=",
                        "id=" + encode(id))
                .collect(Collectors.joining("&")));
        return wc.getPage(request).getWebResponse();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static CredentialsStore storeOf(ModelObject context) {
        for (CredentialsStore store : CredentialsProvider.lookupStores(context)) {
            if (store.getContext() == context) {
                return store;
            }
        }
        throw new AssertionError("no credentials store of " + context);
    }
}
