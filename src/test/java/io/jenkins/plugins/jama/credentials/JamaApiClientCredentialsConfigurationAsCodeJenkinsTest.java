package io.jenkins.plugins.jama.credentials;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.jvnet.hudson.test.JenkinsMatchers.hasPlainText;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.casc.CredentialsRootConfigurator;
import hudson.util.Secret;
import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.Util;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.casc.model.CNode;
import io.jenkins.plugins.jama.client.TrustedCertificates;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Configuration as Code: the YAML in the docs imports, and export writes the client secret encrypted. */
@WithJenkinsConfiguredWithCode
class JamaApiClientCredentialsConfigurationAsCodeJenkinsTest {

    private static final String SECRET_VARIABLE = "JAMA_CLIENT_SECRET";
    private static final String CLIENT_SECRET = "c4gj8xhzx5fyej16bzv9l1brh";

    /** JCasC's environment secret source reads system properties before environment variables. */
    @BeforeAll
    static void provideSecret() {
        System.setProperty(SECRET_VARIABLE, CLIENT_SECRET);
    }

    @AfterAll
    static void forgetSecret() {
        System.clearProperty(SECRET_VARIABLE);
    }

    @Test
    @ConfiguredWithCode("configuration-as-code.yaml")
    void imports(JenkinsConfiguredWithCodeRule r) {
        List<Credentials> credentials = SystemCredentialsProvider.getInstance()
                .getDomainCredentials()
                .get(0)
                .getCredentials();

        assertThat(credentials, hasSize(1));
        assertThat(credentials.get(0), instanceOf(JamaApiClientCredentialsImpl.class));
        JamaApiClientCredentialsImpl jama = (JamaApiClientCredentialsImpl) credentials.get(0);
        assertThat(jama.getScope(), is(CredentialsScope.GLOBAL));
        assertThat(jama.getId(), is("jama-ci"));
        assertThat(jama.getDescription(), is("Jama for CI"));
        assertThat(jama.getBaseUrl(), is("https://example.jamacloud.com"));
        assertThat(jama.getClientId(), is("rbfogo319n6ibtb"));
        assertThat(jama.getClientSecret(), hasPlainText(CLIENT_SECRET));
    }

    @Test
    @ConfiguredWithCode("configuration-as-code.yaml")
    void exportsTheSecretEncrypted(JenkinsConfiguredWithCodeRule r) throws Exception {
        CredentialsRootConfigurator root =
                r.jenkins.getExtensionList(CredentialsRootConfigurator.class).get(0);
        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        CNode exported = Objects.requireNonNull(root.describe(root.getTargetComponent(context), context));
        String yaml = Util.toYamlString(exported);

        assertThat(yaml, containsString("jamaApiClient:"));
        assertThat(yaml, containsString("rbfogo319n6ibtb"));
        assertThat(yaml, containsString("https://example.jamacloud.com"));
        assertThat(yaml, not(containsString(CLIENT_SECRET)));
        Matcher secret = Pattern.compile("clientSecret: \"?(\\{[^\"\\s]+\\})").matcher(yaml);
        assertThat(yaml, secret.find(), is(true));
        assertThat(Secret.decrypt(secret.group(1)), hasPlainText(CLIENT_SECRET));
    }

    @Test
    @ConfiguredWithCode("configuration-as-code-private-ca.yaml")
    void importsAndExportsTrustedCertificates(JenkinsConfiguredWithCodeRule r) throws Exception {
        JamaApiClientCredentialsImpl jama = (JamaApiClientCredentialsImpl) SystemCredentialsProvider.getInstance()
                .getDomainCredentials()
                .get(0)
                .getCredentials()
                .get(0);
        assertThat(jama.getTrustedCertificates(), startsWith("-----BEGIN CERTIFICATE-----"));
        assertThat(
                TrustedCertificates.parse(jama.getTrustedCertificates())
                        .describe(Instant.now())
                        .get(0),
                startsWith("Subject O=Example Corp,CN=Example Private Root CA,"));

        CredentialsRootConfigurator root =
                r.jenkins.getExtensionList(CredentialsRootConfigurator.class).get(0);
        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        String yaml =
                Util.toYamlString(Objects.requireNonNull(root.describe(root.getTargetComponent(context), context)));

        assertThat(yaml, containsString("trustedCertificates: |-"));
        assertThat(
                yaml,
                containsString(jama.getTrustedCertificates()
                        .lines()
                        .skip(1)
                        .findFirst()
                        .orElseThrow()));
    }
}
