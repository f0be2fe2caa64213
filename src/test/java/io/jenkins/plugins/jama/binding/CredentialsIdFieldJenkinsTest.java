package io.jenkins.plugins.jama.binding;

import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.CREDENTIALS_ID;
import static io.jenkins.plugins.jama.binding.JamaTokenJenkinsTestSupport.addCredentials;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

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
import io.jenkins.plugins.jama.client.TokenCache;
import io.jenkins.plugins.jama.fake.FakeJamaServer;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The credentials drop-down of the step and the wrapper: Jama API clients only, and only for those who may see. */
@WithJenkins
class CredentialsIdFieldJenkinsTest {

    @Test
    void listsOnlyJamaCredentialsAndOnlyToUsersWhoMayConfigure(JenkinsRule r) throws Exception {
        // The token cache lives as long as the JVM; a new fake Jama may reuse an earlier one's port.
        TokenCache.shared().clear();
        try (FakeJamaServer jama = FakeJamaServer.http().start()) {
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
            WithJamaTokenStep.DescriptorImpl step =
                    r.jenkins.getDescriptorByType(WithJamaTokenStep.DescriptorImpl.class);
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
    }

    private static List<String> values(ListBoxModel model) {
        return model.stream().map(option -> option.value).toList();
    }
}
