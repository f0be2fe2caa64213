package io.jenkins.plugins.jama.credentials;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.sameInstance;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.jvnet.hudson.test.JenkinsMatchers.hasPlainText;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.plugins.credentials.CredentialsNameProvider;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.Descriptor;
import hudson.security.ACL;
import hudson.util.FormValidation;
import io.jenkins.plugins.jama.fake.FakeJamaServer;
import io.jenkins.plugins.jama.fake.SelfSignedCertificate;
import io.jenkins.plugins.jama.fake.TestCertificates;
import java.util.List;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.DomNodeList;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlDivision;
import org.htmlunit.html.HtmlElementUtil;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlRadioButtonInput;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The credential type in a running Jenkins: its forms, its checks and where it can be stored. */
@WithJenkins
class JamaApiClientCredentialsJenkinsTest {

    private static final String BASE_URL = "https://example.jamacloud.com";
    private static final String CLIENT_ID = FakeJamaServer.CLIENT_ID;
    private static final String CLIENT_SECRET = "c4gj8xhzx5fyej16bzv9l1brh";

    private JenkinsRule r;

    @BeforeEach
    void beforeEach(JenkinsRule rule) {
        r = rule;
    }

    @Test
    void createdInTheUi() throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient();
        HtmlPage page = wc.goTo("credentials/store/system/domain/_/");
        HtmlElementUtil.click((HtmlButton) page.getDocumentElement()
                .getElementsByAttribute("button", "data-type", "credentials-add-store-item")
                .get(0));
        HtmlForm dialog = page.getFormByName("dialog");
        selectType(dialog.querySelectorAll(".jenkins-choice-list__item"), "Jama Connect API client");
        HtmlButton next = page.querySelector("#cr-dialog-next");
        HtmlElementUtil.click(next);

        HtmlForm form = page.getFormByName("newCredentials");
        form.getInputByName("_.id").setValue("jama-ci");
        form.getInputByName("_.baseUrl").setValue(" https://Example.jamacloud.com/rest/v1/ ");
        form.getInputByName("_.clientId").setValue(CLIENT_ID);
        form.getInputsByName("_.clientSecret").forEach(input -> input.setValue(CLIENT_SECRET));
        submitDialog(page);

        JamaApiClientCredentialsImpl saved = onlySystemCredential();
        assertThat(saved.getId(), is("jama-ci"));
        assertThat(saved.getBaseUrl(), is(BASE_URL));
        assertThat(saved.getClientId(), is(CLIENT_ID));
        assertThat(saved.getClientSecret(), hasPlainText(CLIENT_SECRET));
    }

    @Test
    void editedInTheUiKeepsTheStoredSecret() throws Exception {
        JamaApiClientCredentialsImpl original = new JamaApiClientCredentialsImpl(
                CredentialsScope.GLOBAL, "jama-ci", "CI service user", BASE_URL, CLIENT_ID, CLIENT_SECRET);
        original.setTrustedCertificates(
                TestCertificates.pem(SelfSignedCertificate.get().certificate()));
        systemStore().addCredentials(Domain.global(), original);

        JenkinsRule.WebClient wc = r.createWebClient();
        HtmlPage page = wc.goTo("credentials/store/system/domain/_/credential/jama-ci/");
        assertThat(page.getWebResponse().getContentAsString(), not(containsString(CLIENT_SECRET)));
        HtmlElementUtil.click((HtmlButton) page.getDocumentElement()
                .getElementsByAttribute("button", "data-type", "credentials-update")
                .get(0));
        HtmlForm form = page.getFormByName("updateCredentials");
        assertThat(form.asXml(), not(containsString(CLIENT_SECRET)));
        submitDialog(page);

        JamaApiClientCredentialsImpl saved = onlySystemCredential();
        assertThat(saved, not(sameInstance(original)));
        r.assertEqualDataBoundBeans(original, saved);
        assertThat(saved.getClientSecret(), hasPlainText(CLIENT_SECRET));
        assertThat(saved.getTrustedCertificates(), is(original.getTrustedCertificates()));
    }

    @Test
    void invalidValuesAreRefusedWithTheFieldRules() {
        Descriptor.FormException badUrl = assertThrows(
                Descriptor.FormException.class,
                () -> new JamaApiClientCredentialsImpl(null, null, null, "example.jamacloud.com", CLIENT_ID, "s"));
        assertThat(badUrl.getFormField(), is("baseUrl"));
        assertThat(badUrl.getMessage(), containsString("has no scheme"));

        Descriptor.FormException blankId = assertThrows(
                Descriptor.FormException.class,
                () -> new JamaApiClientCredentialsImpl(null, null, null, BASE_URL, "  ", CLIENT_SECRET));
        assertThat(blankId.getFormField(), is("clientId"));

        Descriptor.FormException blankSecret = assertThrows(
                Descriptor.FormException.class,
                () -> new JamaApiClientCredentialsImpl(null, null, null, BASE_URL, CLIENT_ID, " "));
        assertThat(blankSecret.getFormField(), is("clientSecret"));
        assertThat(blankSecret.getMessage(), containsString("only once"));
    }

    @Test
    void formChecksShowTheNormalisedUrlAndWarnOnHttp() {
        JamaApiClientCredentialsImpl.DescriptorImpl descriptor = descriptor();

        FormValidation https = descriptor.doCheckBaseUrl(null, "https://example.jamacloud.com/rest/latest/");
        assertThat(https.kind, is(FormValidation.Kind.OK));
        assertThat(https.getMessage(), is("Will use https://example.jamacloud.com"));

        FormValidation http = descriptor.doCheckBaseUrl(null, "http://jama.example.com:8080/contour/");
        assertThat(http.kind, is(FormValidation.Kind.WARNING));
        assertThat(http.getMessage(), containsString("Will use http://jama.example.com:8080/contour."));

        FormValidation userInfo = descriptor.doCheckBaseUrl(
                null, "https://" + CLIENT_ID + ":" + CLIENT_SECRET + "@example.jamacloud.com");
        assertThat(userInfo.kind, is(FormValidation.Kind.ERROR));
        assertThat(userInfo.getMessage(), not(containsString(CLIENT_SECRET)));

        assertThat(descriptor.doCheckClientId(null, "abc:def").kind, is(FormValidation.Kind.ERROR));
        assertThat(descriptor.doCheckClientId(null, CLIENT_ID).kind, is(FormValidation.Kind.OK));
    }

    @Test
    void describedForUsers() throws Exception {
        JamaApiClientCredentialsImpl credentials = new JamaApiClientCredentialsImpl(
                CredentialsScope.GLOBAL, "jama-ci", "CI service user", BASE_URL, CLIENT_ID, CLIENT_SECRET);

        assertThat(
                CredentialsNameProvider.name(credentials),
                is(CLIENT_ID + " @ example.jamacloud.com (CI service user)"));
        assertThat(descriptor().getDisplayName(), is("Jama Connect API client"));
        assertThat(descriptor().getIconClassName(), is("symbol-key"));
    }

    @Test
    void storedInAFolder() throws Exception {
        Folder folder = r.jenkins.createProject(Folder.class, "team");
        CredentialsStore folderStore = null;
        for (CredentialsStore store : CredentialsProvider.lookupStores(folder)) {
            if (store.getContext() == folder) {
                folderStore = store;
            }
        }
        assertThat(folderStore, notNullValue());
        folderStore.addCredentials(
                Domain.global(),
                new JamaApiClientCredentialsImpl(
                        CredentialsScope.GLOBAL, "team-jama", null, BASE_URL, CLIENT_ID, CLIENT_SECRET));

        List<JamaApiClientCredentials> inFolder = CredentialsProvider.lookupCredentialsInItemGroup(
                JamaApiClientCredentials.class, folder, ACL.SYSTEM2, List.of());
        List<JamaApiClientCredentials> atRoot = CredentialsProvider.lookupCredentialsInItemGroup(
                JamaApiClientCredentials.class, r.jenkins, ACL.SYSTEM2, List.of());
        assertThat(inFolder, hasSize(1));
        assertThat(inFolder.get(0).getId(), is("team-jama"));
        assertThat(atRoot, hasSize(0));
    }

    private JamaApiClientCredentialsImpl.DescriptorImpl descriptor() {
        return r.jenkins.getDescriptorByType(JamaApiClientCredentialsImpl.DescriptorImpl.class);
    }

    private CredentialsStore systemStore() {
        return CredentialsProvider.lookupStores(r.jenkins).iterator().next();
    }

    private JamaApiClientCredentialsImpl onlySystemCredential() {
        List<JamaApiClientCredentials> all = CredentialsProvider.lookupCredentialsInItemGroup(
                JamaApiClientCredentials.class, r.jenkins, ACL.SYSTEM2, List.of());
        assertThat(all, hasSize(1));
        assertThat(all.get(0), instanceOf(JamaApiClientCredentialsImpl.class));
        return (JamaApiClientCredentialsImpl) all.get(0);
    }

    /**
     * Presses the dialog's own Create or Save button, as credentials-plugin's UI tests do: its script posts the form.
     * {@code JenkinsRule.submit} picks the first button of the Create form, Test Connection, and bypasses that script.
     */
    private static void submitDialog(HtmlPage page) throws Exception {
        HtmlButton submit = page.querySelector("#cr-dialog-submit");
        assertThat(submit, notNullValue());
        HtmlElementUtil.click(submit);
    }

    /** Picks a credential type in the "Add Credentials" dialog, as credentials-plugin's own UI tests do. */
    private static void selectType(DomNodeList<DomNode> options, String displayName) throws Exception {
        for (DomNode option : options) {
            if (option instanceof HtmlDivision division
                    && division.getVisibleText().contains(displayName)) {
                HtmlElementUtil.click((HtmlRadioButtonInput) option.querySelector(".jenkins-choice-list__item input"));
                return;
            }
        }
        throw new AssertionError("No credential type named " + displayName + " in the dialog");
    }
}
