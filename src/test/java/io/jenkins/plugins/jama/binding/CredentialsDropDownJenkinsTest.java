package io.jenkins.plugins.jama.binding;

import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.CREDENTIALS_ID;
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.addCredentials;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import io.jenkins.plugins.jama.fake.FakeJamaExtension;
import io.jenkins.plugins.jama.fake.FakeJamaServer;
import java.net.URL;
import java.util.List;
import jenkins.model.Jenkins;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The credentials drop-down of the step and the wrapper: Jama API clients only, and only for those who may see. */
@WithJenkins
class CredentialsDropDownJenkinsTest {

    @RegisterExtension
    final FakeJamaExtension fakeJama = new FakeJamaExtension();

    @Test
    void listsOnlyJamaCredentialsAndOnlyToUsersWhoMayConfigure(JenkinsRule r, FakeJamaServer jama) throws Exception {
        addCredentials(r, jama);
        CredentialsProvider.lookupStores(r.jenkins)
                .iterator()
                .next()
                .addCredentials(
                        Domain.global(),
                        new StringCredentialsImpl(
                                CredentialsScope.GLOBAL, "text", "not Jama", Secret.fromString("s3cr3t")));
        FreeStyleProject p = r.createFreeStyleProject("p");
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("admin")
                .grant(Jenkins.READ, Item.READ)
                .everywhere()
                .to("reader"));
        WithJamaTokenStep.DescriptorImpl step = r.jenkins.getDescriptorByType(WithJamaTokenStep.DescriptorImpl.class);
        JamaTokenBuildWrapper.DescriptorImpl wrapper =
                r.jenkins.getDescriptorByType(JamaTokenBuildWrapper.DescriptorImpl.class);

        try (ACLContext ignored = ACL.as2(User.getById("admin", true).impersonate2())) {
            assertThat(values(step.doFillCredentialsIdItems(p, "")), contains("", CREDENTIALS_ID));
            assertThat(values(wrapper.doFillCredentialsIdItems(null, "")), contains("", CREDENTIALS_ID));
            assertThat(step.doCheckCredentialsId(p, CREDENTIALS_ID).kind, is(FormValidation.Kind.OK));
            assertThat(step.doCheckCredentialsId(p, "text").kind, is(FormValidation.Kind.ERROR));
        }
        try (ACLContext ignored = ACL.as2(User.getById("reader", true).impersonate2())) {
            assertThat(values(step.doFillCredentialsIdItems(p, "chosen")), contains("chosen"));
            assertThat(values(wrapper.doFillCredentialsIdItems(null, "")), contains(""));
            assertThat(step.doCheckCredentialsId(p, "text").kind, is(FormValidation.Kind.OK));
        }
    }

    /** What a browser does: a POST with a crumb to the job's descriptor URL, answered with the options as JSON. */
    @Test
    void dropDownOverHttpListsJamaCredentialsToConfigurersOnly(JenkinsRule r, FakeJamaServer jama) throws Exception {
        addCredentials(r, jama);
        r.createFreeStyleProject("p");
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ, Item.CONFIGURE)
                .everywhere()
                .to("configurer")
                .grant(Jenkins.READ, Item.READ)
                .everywhere()
                .to("reader"));
        String fill = "job/p/descriptorByName/" + JamaTokenBuildWrapper.class.getName() + "/fillCredentialsIdItems";

        assertThat(options(r, "configurer", fill, HttpMethod.POST), contains("", CREDENTIALS_ID));
        assertThat(options(r, "reader", fill, HttpMethod.POST), contains(""));
        JenkinsRule.WebClient wc = r.createWebClient().login("configurer").withThrowExceptionOnFailingStatusCode(false);
        Page get = wc.getPage(new WebRequest(new URL(r.getURL(), fill), HttpMethod.GET));
        assertThat(get.getWebResponse().getStatusCode(), greaterThanOrEqualTo(400));
        assertThat(get.getWebResponse().getContentAsString(), not(containsString(CREDENTIALS_ID)));
    }

    private static List<String> options(JenkinsRule r, String user, String path, HttpMethod method) throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().login(user);
        Page page = wc.getPage(wc.addCrumb(new WebRequest(new URL(r.getURL(), path), method)));
        JSONArray values = JSONObject.fromObject(page.getWebResponse().getContentAsString())
                .getJSONArray("values");
        return values.stream()
                .map(option -> ((JSONObject) option).getString("value"))
                .toList();
    }

    private static List<String> values(ListBoxModel model) {
        return model.stream().map(option -> option.value).toList();
    }
}
