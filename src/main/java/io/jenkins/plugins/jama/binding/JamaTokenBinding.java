package io.jenkins.plugins.jama.binding;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.jama.credentials.JamaApiClientCredentials;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.credentialsbinding.BindingDescriptor;
import org.jenkinsci.plugins.credentialsbinding.MultiBinding;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code withCredentials([jamaToken(credentialsId: 'jama-api')])}, and "Use secret text(s) or file(s)" in freestyle:
 * the token as a secret variable, the site address as a public one. credentials-binding does the masking.
 */
public final class JamaTokenBinding extends MultiBinding<JamaApiClientCredentials> {

    private String variable = TokenFields.DEFAULT_TOKEN_VARIABLE;
    private String urlVariable = TokenFields.DEFAULT_URL_VARIABLE;

    @DataBoundConstructor
    public JamaTokenBinding(@CheckForNull String credentialsId) {
        super(credentialsId == null ? null : credentialsId.trim());
    }

    public @NonNull String getVariable() {
        return variable;
    }

    @DataBoundSetter
    public void setVariable(@CheckForNull String variable) {
        this.variable = TokenFields.variableOrDefault(variable, TokenFields.DEFAULT_TOKEN_VARIABLE);
    }

    public @NonNull String getUrlVariable() {
        return urlVariable;
    }

    @DataBoundSetter
    public void setUrlVariable(@CheckForNull String urlVariable) {
        this.urlVariable = TokenFields.variableOrDefault(urlVariable, TokenFields.DEFAULT_URL_VARIABLE);
    }

    @Override
    protected Class<JamaApiClientCredentials> type() {
        return JamaApiClientCredentials.class;
    }

    @Override
    public MultiEnvironment bind(
            @NonNull Run<?, ?> build,
            @Nullable FilePath workspace,
            @Nullable Launcher launcher,
            @NonNull TaskListener listener)
            throws IOException, InterruptedException {
        String problem = TokenFields.variablesProblem(variable, urlVariable);
        if (problem != null) {
            throw new AbortException(problem);
        }
        String credentialsId = getCredentialsId();
        TokenBinder.BoundToken bound = TokenBinder.bind(
                build,
                listener,
                credentialsId == null ? "" : credentialsId,
                TokenFields.toDuration(TokenFields.DEFAULT_MINIMUM_MINUTES),
                "jamaToken");
        return new MultiEnvironment(Map.of(variable, bound.token()), Map.of(urlVariable, bound.baseUrl()));
    }

    @Override
    public Set<String> variables(@NonNull Run<?, ?> build) {
        return Set.of(variable);
    }

    @Symbol("jamaToken")
    @Extension
    public static final class DescriptorImpl extends BindingDescriptor<JamaApiClientCredentials> {

        public DescriptorImpl() {
            for (String field : List.of("credentialsId", "variable", "urlVariable")) {
                addHelpFileRedirect(field, WithJamaTokenStep.class, field);
            }
        }

        @Override
        protected Class<JamaApiClientCredentials> type() {
            return JamaApiClientCredentials.class;
        }

        /** The token is minted on the controller and nothing is written to the workspace. */
        @Override
        public boolean requiresWorkspace() {
            return false;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.JamaTokenBinding_displayName();
        }

        @POST
        @Restricted(NoExternalUse.class)
        public FormValidation doCheckVariable(@QueryParameter String value) {
            return TokenFields.checkVariable(value);
        }

        @POST
        @Restricted(NoExternalUse.class)
        public FormValidation doCheckUrlVariable(@QueryParameter String value) {
            return TokenFields.checkVariable(value);
        }
    }
}
