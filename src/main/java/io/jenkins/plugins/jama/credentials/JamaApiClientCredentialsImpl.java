package io.jenkins.plugins.jama.credentials;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.impl.BaseStandardCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.remoting.Channel;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.Secret;
import io.jenkins.plugins.jama.JamaConnect;
import io.jenkins.plugins.jama.client.ClientCredentials;
import io.jenkins.plugins.jama.client.JamaBaseUrl;
import io.jenkins.plugins.jama.client.JamaException;
import io.jenkins.plugins.jama.client.JamaHttp;
import io.jenkins.plugins.jama.client.TokenCache;
import io.jenkins.plugins.jama.client.TrustedCertificates;
import java.io.Serial;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * The Jama Connect API client credential users create in Jenkins. The base URL is stored normalised; the client
 * secret is stored encrypted and only leaves the controller as a token (see {@link #writeReplace()}).
 */
public final class JamaApiClientCredentialsImpl extends BaseStandardCredentials implements JamaApiClientCredentials {

    @Serial
    private static final long serialVersionUID = 1L;

    @NonNull
    private final String baseUrl;

    @NonNull
    private final String clientId;

    @NonNull
    private final Secret clientSecret;

    /** Null in credentials saved before the field existed, and when none are set. */
    @CheckForNull
    private String trustedCertificates;

    /**
     * @param clientSecret plain text, or the encrypted value the form sends back when the field was left unchanged
     * @throws Descriptor.FormException when a value cannot be used; the message says what to fix
     */
    @DataBoundConstructor
    public JamaApiClientCredentialsImpl(
            @CheckForNull CredentialsScope scope,
            @CheckForNull String id,
            @CheckForNull String description,
            @CheckForNull String baseUrl,
            @CheckForNull String clientId,
            @CheckForNull String clientSecret)
            throws Descriptor.FormException {
        super(scope, id, description);
        this.baseUrl = normaliseBaseUrl(baseUrl);
        this.clientId = CredentialChecks.trim(clientId);
        refuse(ClientCredentials.clientIdProblem(this.clientId), "clientId");
        String trimmedSecret =
                CredentialChecks.trim(Secret.fromString(clientSecret).getPlainText());
        refuse(CredentialChecks.clientSecretProblem(trimmedSecret), "clientSecret");
        this.clientSecret = Secret.fromString(trimmedSecret);
    }

    private static String normaliseBaseUrl(String input) throws Descriptor.FormException {
        try {
            return JamaBaseUrl.parse(input).toString();
        } catch (JamaException e) {
            throw new Descriptor.FormException(e.getMessage(), "baseUrl");
        }
    }

    private static void refuse(@CheckForNull String problem, String field) throws Descriptor.FormException {
        if (problem != null) {
            throw new Descriptor.FormException(problem, field);
        }
    }

    @NonNull
    @Override
    public String getBaseUrl() {
        return baseUrl;
    }

    @NonNull
    @Override
    public String getClientId() {
        return clientId;
    }

    @NonNull
    @Override
    public Secret getClientSecret() {
        return clientSecret;
    }

    @NonNull
    @Override
    public String getTrustedCertificates() {
        return trustedCertificates == null ? "" : trustedCertificates;
    }

    /** @throws Descriptor.FormException when the text holds no readable certificate, or a private key */
    @DataBoundSetter
    public void setTrustedCertificates(@CheckForNull String trustedCertificates) throws Descriptor.FormException {
        try {
            String pem = TrustedCertificates.parse(trustedCertificates).pem();
            this.trustedCertificates = pem.isEmpty() ? null : pem;
        } catch (JamaException e) {
            throw new Descriptor.FormException(e.getMessage(), "trustedCertificates");
        }
    }

    /**
     * Keeps the client secret off agents. Remoting sets {@link Channel#current()} while it serializes an object for
     * the other side, so anything that ships this credential to an agent (a {@code Callable} field, or the result of
     * {@code CredentialsProvider.snapshot}, which returns the credential itself because it has no external state to
     * capture) sends a {@link SecretlessJamaApiClientCredentials} instead. XStream (credentials.xml, where the
     * {@link Secret} is encrypted) and other controller-local serialization run without a channel and keep the full
     * credential. This is why there is no {@code CredentialsSnapshotTaker}: a snapshot may legitimately be used on the
     * controller, while this hook covers every path to an agent. GitHubAppCredentials guards its private key the same
     * way.
     */
    @Serial
    private Object writeReplace() {
        return Channel.current() == null ? this : new SecretlessJamaApiClientCredentials(this);
    }

    @Extension
    @Symbol("jamaApiClient")
    public static final class DescriptorImpl extends BaseStandardCredentialsDescriptor {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.JamaApiClientCredentialsImpl_DisplayName();
        }

        @Override
        public String getIconClassName() {
            return "symbol-key";
        }

        /** What a password field shows a user who may not configure the item above it ({@code Functions}). */
        private static final String REDACTED = "********";

        @POST
        @Restricted(NoExternalUse.class)
        public FormValidation doCheckBaseUrl(@AncestorInPath @CheckForNull Item context, @QueryParameter String value) {
            return canManageCredentials(context)
                    ? toFormValidation(CredentialChecks.checkBaseUrl(value))
                    : FormValidation.ok();
        }

        @POST
        @Restricted(NoExternalUse.class)
        public FormValidation doCheckClientId(
                @AncestorInPath @CheckForNull Item context, @QueryParameter String value) {
            return canManageCredentials(context)
                    ? toFormValidation(CredentialChecks.checkClientId(value))
                    : FormValidation.ok();
        }

        @POST
        @Restricted(NoExternalUse.class)
        public FormValidation doCheckTrustedCertificates(
                @AncestorInPath @CheckForNull Item context, @QueryParameter String value) {
            return canManageCredentials(context)
                    ? toFormValidation(CredentialChecks.checkTrustedCertificates(value, Instant.now()))
                    : FormValidation.ok();
        }

        /**
         * Mints a token with the values in the form. The ID is that of the credential being edited, when there is
         * one: the credentials page sends it read-only beside the other fields. The secret is read from the request as
         * sent, not as a {@code @QueryParameter}: Jenkins decrypts any encrypted value it binds to a {@code String}
         * parameter ({@code Secret.AUTO_ENCRYPT_PASSWORD_CONTROL}), the very decryption this method must not do for
         * the caller.
         */
        @POST
        @Restricted(NoExternalUse.class)
        public FormValidation doTestConnection(
                StaplerRequest2 request,
                @AncestorInPath @CheckForNull Item context,
                @QueryParameter String baseUrl,
                @QueryParameter String clientId,
                @QueryParameter String trustedCertificates,
                @QueryParameter String id) {
            checkCanManageCredentials(context);
            String secret = secretToTest(context, id, baseUrl, clientId, request.getParameter("clientSecret"));
            if (secret == null) {
                return FormValidation.error(Messages.ConnectionCheck_retypeSecret());
            }
            try {
                ConnectionCheck test = new ConnectionCheck(
                        JamaConnect.newClient(
                                JamaHttp.Limits.FOR_CONNECTION_TEST, TrustedCertificates.parse(trustedCertificates)),
                        TokenCache.shared(),
                        Clock.systemUTC());
                return toFormValidation(test.run(baseUrl, clientId, secret));
            } catch (JamaException e) {
                // The trusted certificates cannot be read: ConnectionCheck reports every failure of the check itself.
                return FormValidation.error(e.getMessage());
            }
        }

        /**
         * The secret to test with, or {@code null} when the form may not use the one it sent. A typed secret is used
         * as it is. An unchanged password field sends back the stored secret encrypted, or {@link #REDACTED} to a user
         * who may not configure the folder; and {@link Secret#decrypt} would decrypt any secret of this controller. So
         * either stands only for the stored secret of the Jama credential being edited, found by its ID where the
         * request comes from, and only while the form still points at that credential's own base URL and client ID.
         * Otherwise whoever may test could read any secret whose encrypted form they can see, by sending it to a
         * server of their own.
         */
        @CheckForNull
        private static String secretToTest(
                @CheckForNull Item context,
                @CheckForNull String id,
                @CheckForNull String baseUrl,
                @CheckForNull String clientId,
                @CheckForNull String clientSecret) {
            Secret submitted = Secret.decrypt(clientSecret);
            if (submitted == null && !REDACTED.equals(clientSecret)) {
                return clientSecret;
            }
            if (id == null || id.isBlank()) {
                return null;
            }
            JamaApiClientCredentialsImpl stored = CredentialsMatchers.firstOrNull(
                    CredentialsProvider.lookupCredentialsInItem(
                            JamaApiClientCredentialsImpl.class, context, ACL.SYSTEM2, List.of()),
                    CredentialsMatchers.withId(id));
            boolean sameTarget = stored != null
                    && (submitted == null || stored.getClientSecret().equals(submitted))
                    && stored.getClientId().equals(CredentialChecks.trim(clientId))
                    && stored.getBaseUrl().equals(normalisedOrNull(baseUrl));
            return sameTarget ? stored.getClientSecret().getPlainText() : null;
        }

        @CheckForNull
        private static String normalisedOrNull(@CheckForNull String baseUrl) {
            try {
                return JamaBaseUrl.parse(baseUrl).toString();
            } catch (JamaException e) {
                return null;
            }
        }

        /**
         * Who may check or test: a Jenkins administrator at the root, and in a folder whoever may create or update
         * the credentials stored there. The Jenkins security scan recognises the root's check but not
         * {@code hasAnyPermission}/{@code checkAnyPermission}; the folder branch is a permission check all the same.
         */
        private static boolean canManageCredentials(@CheckForNull Item context) {
            return context == null
                    ? Jenkins.get().hasPermission(Jenkins.ADMINISTER)
                    : context.hasAnyPermission(CredentialsProvider.CREATE, CredentialsProvider.UPDATE);
        }

        /** The same rule as {@link #canManageCredentials}, refusing with HTTP 403. */
        private static void checkCanManageCredentials(@CheckForNull Item context) {
            if (context == null) {
                Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            } else {
                context.checkAnyPermission(CredentialsProvider.CREATE, CredentialsProvider.UPDATE);
            }
        }

        private static FormValidation toFormValidation(FormMessage message) {
            String text = message.text();
            return switch (message.kind()) {
                case OK -> text == null ? FormValidation.ok() : FormValidation.ok(text);
                case WARNING -> FormValidation.warning(text);
                case ERROR -> FormValidation.error(text);
            };
        }
    }
}
