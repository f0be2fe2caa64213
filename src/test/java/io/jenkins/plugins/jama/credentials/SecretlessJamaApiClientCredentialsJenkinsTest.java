package io.jenkins.plugins.jama.credentials;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.slaves.DumbSlave;
import jenkins.security.MasterToSlaveCallable;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Whatever ships the credential over a real agent channel sends a copy that has no secret. */
@WithJenkins
class SecretlessJamaApiClientCredentialsJenkinsTest {

    @Test
    void aCredentialSentToAnAgentArrivesWithoutItsSecret(JenkinsRule r) throws Exception {
        JamaApiClientCredentialsImpl credentials = new JamaApiClientCredentialsImpl(
                CredentialsScope.GLOBAL,
                "jama-api",
                null,
                "https://jama.example.com",
                "the-client-id",
                "the-client-secret");
        CredentialsProvider.lookupStores(r.jenkins).iterator().next().addCredentials(Domain.global(), credentials);
        DumbSlave agent = r.createOnlineSlave();

        String seen = agent.getChannel().call(new DescribeOnAgent(credentials));

        assertThat(seen, is(SecretlessJamaApiClientCredentials.class.getName() + " the-client-id no secret"));
    }

    private static final class DescribeOnAgent extends MasterToSlaveCallable<String, RuntimeException> {

        private static final long serialVersionUID = 1L;

        private final JamaApiClientCredentials credentials;

        DescribeOnAgent(JamaApiClientCredentials credentials) {
            this.credentials = credentials;
        }

        @Override
        public String call() {
            String description = credentials.getClass().getName() + " " + credentials.getClientId();
            try {
                return description + " secret " + credentials.getClientSecret().getPlainText();
            } catch (IllegalStateException expected) {
                return description + " no secret";
            }
        }
    }
}
