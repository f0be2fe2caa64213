package io.jenkins.plugins.jama.credentials;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.cloudbees.plugins.credentials.CredentialsDescriptor;
import com.cloudbees.plugins.credentials.CredentialsScope;
import hudson.util.Secret;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SecretlessJamaApiClientCredentialsTest {

    /** A full credential whose secret must never be read while the agent form is made. */
    private static final class FullCredential implements JamaApiClientCredentials {
        private static final long serialVersionUID = 1L;

        @Override
        public CredentialsScope getScope() {
            return CredentialsScope.GLOBAL;
        }

        @Override
        public CredentialsDescriptor getDescriptor() {
            throw new AssertionError("not needed");
        }

        @Override
        public String getId() {
            return "jama-ci";
        }

        @Override
        public String getDescription() {
            return "CI service user";
        }

        @Override
        public String getBaseUrl() {
            return "https://example.jamacloud.com";
        }

        @Override
        public String getClientId() {
            return "rbfogo319n6ibtb";
        }

        @Override
        public Secret getClientSecret() {
            throw new AssertionError("the client secret was read for an agent");
        }
    }

    @Test
    void copiesIdentityWithoutReadingTheSecret() {
        SecretlessJamaApiClientCredentials agentForm = new SecretlessJamaApiClientCredentials(new FullCredential());

        assertThat(agentForm.getScope(), is(CredentialsScope.GLOBAL));
        assertThat(agentForm.getId(), is("jama-ci"));
        assertThat(agentForm.getDescription(), is("CI service user"));
        assertThat(agentForm.getBaseUrl(), is("https://example.jamacloud.com"));
        assertThat(agentForm.getClientId(), is("rbfogo319n6ibtb"));
        assertThat(agentForm.toString(), is("rbfogo319n6ibtb @ example.jamacloud.com (CI service user)"));
    }

    @Test
    void hasNowhereToKeepASecret() {
        String secretLikeFields = Arrays.stream(SecretlessJamaApiClientCredentials.class.getDeclaredFields())
                .filter(f -> f.getType() == Secret.class
                        || f.getName().toLowerCase(Locale.ROOT).contains("secret"))
                .map(Field::getName)
                .collect(Collectors.joining(","));

        assertThat(secretLikeFields, is(""));
    }

    @Test
    void askingForTheSecretOnAnAgentExplainsWhy() {
        SecretlessJamaApiClientCredentials agentForm = new SecretlessJamaApiClientCredentials(new FullCredential());

        IllegalStateException e = assertThrows(IllegalStateException.class, agentForm::getClientSecret);
        assertThat(e.getMessage(), containsString("jama-ci"));
        assertThat(e.getMessage(), containsString("withJamaToken"));
    }

    @Test
    void survivesJavaSerializationAsRemotingUsesIt() throws Exception {
        SecretlessJamaApiClientCredentials agentForm = new SecretlessJamaApiClientCredentials(new FullCredential());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(agentForm);
        }

        Object read;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            read = in.readObject();
        }

        SecretlessJamaApiClientCredentials copy = (SecretlessJamaApiClientCredentials) read;
        assertThat(copy, is(agentForm));
        assertThat(copy.getBaseUrl(), is("https://example.jamacloud.com"));
        assertThat(copy.getClientId(), is("rbfogo319n6ibtb"));
    }
}
