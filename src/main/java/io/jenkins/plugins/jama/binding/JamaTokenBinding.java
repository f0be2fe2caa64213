package io.jenkins.plugins.jama.binding;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.jama.credentials.JamaApiClientCredentials;
import java.io.IOException;
import java.io.Serial;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.credentialsbinding.BindingDescriptor;
import org.jenkinsci.plugins.credentialsbinding.MultiBinding;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code withCredentials([jamaToken(credentialsId: 'jama-api')])}, "Use secret text(s) or file(s)" in freestyle, and
 * Declarative {@code credentials()}: the token as a secret variable, the site address as a public one.
 * credentials-binding masks the token the block starts with; {@link TokenMasks} masks the rest.
 *
 * <p>credentials-binding fixes a block's variables when it starts. So only a block with a token file
 * ({@code tokenFileVariable}) renews its token: the file is the one place a renewed token can go. Without a
 * workspace there is no file, and the block keeps its first token.
 */
public final class JamaTokenBinding extends MultiBinding<JamaApiClientCredentials> {

    private String variable = BlockOptions.DEFAULT_TOKEN_VARIABLE;
    private String urlVariable = BlockOptions.DEFAULT_URL_VARIABLE;

    // lgtm[jenkins/plaintext-storage] the name of an environment variable, not a token
    @CheckForNull
    private String tokenFileVariable;

    @DataBoundConstructor
    public JamaTokenBinding(@CheckForNull String credentialsId) {
        super(credentialsId == null ? null : credentialsId.trim());
    }

    public @NonNull String getVariable() {
        return variable;
    }

    @DataBoundSetter
    public void setVariable(@CheckForNull String variable) {
        this.variable = BlockOptions.nameOrDefault(variable, BlockOptions.DEFAULT_TOKEN_VARIABLE);
    }

    public @NonNull String getUrlVariable() {
        return urlVariable;
    }

    @DataBoundSetter
    public void setUrlVariable(@CheckForNull String urlVariable) {
        this.urlVariable = BlockOptions.nameOrDefault(urlVariable, BlockOptions.DEFAULT_URL_VARIABLE);
    }

    /** {@code null} when not set: the block gets no token file, and its token is not renewed. */
    public @CheckForNull String getTokenFileVariable() {
        return tokenFileVariable;
    }

    @DataBoundSetter
    public void setTokenFileVariable(@CheckForNull String tokenFileVariable) {
        this.tokenFileVariable = BlockOptions.optionalName(tokenFileVariable);
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
        BlockOptions.check(variable, urlVariable, tokenFileVariable, BlockOptions.DEFAULT_MINIMUM_MINUTES);
        if (tokenFileVariable != null && workspace == null) {
            listener.getLogger().println(Messages.JamaTokenBinding_noWorkspace(tokenFileVariable));
        }
        TokenBlock block = TokenBlock.open(
                build,
                listener,
                getCredentialsId() == null ? "" : getCredentialsId(),
                Duration.ofMinutes(BlockOptions.DEFAULT_MINIMUM_MINUTES),
                "jamaToken",
                tokenFileVariable == null ? null : workspace,
                false);
        return new MultiEnvironment(
                Map.of(variable, block.token()),
                block.publicVariables(urlVariable, tokenFileVariable),
                new Close(build, block));
    }

    @Override
    public Set<String> variables(@NonNull Run<?, ?> build) {
        return Set.of(variable);
    }

    /**
     * Closes the block when it is over, however it ended. Stored with the block in {@code program.dat}, it also
     * starts the renewal again after a controller restart; renewal lines go to the controller's log then, as
     * credentials-binding gives an unbinder no build log until the block ends.
     */
    private static final class Close implements Unbinder {

        @Serial
        private static final long serialVersionUID = 1L;

        private final String buildId;
        private final TokenBlock block;

        Close(Run<?, ?> build, TokenBlock block) {
            this.buildId = build.getExternalizableId();
            this.block = block;
        }

        @Override
        public void unbind(
                @NonNull Run<?, ?> build,
                @Nullable FilePath workspace,
                @Nullable Launcher launcher,
                @NonNull TaskListener listener)
                throws IOException, InterruptedException {
            block.close();
        }

        /** Read back from {@code program.dat}: the controller restarted inside the block. */
        @Serial
        private Object readResolve() {
            block.resume(() -> Run.fromExternalizableId(buildId), () -> TaskListener.NULL);
            return this;
        }
    }

    @Symbol("jamaToken")
    @Extension
    public static final class DescriptorImpl extends BindingDescriptor<JamaApiClientCredentials>
            implements BlockOptions.VariableChecks {

        public DescriptorImpl() {
            for (String field : List.of("credentialsId", "variable", "urlVariable", "tokenFileVariable")) {
                addHelpFileRedirect(field, WithJamaTokenStep.class, field);
            }
        }

        @Override
        protected Class<JamaApiClientCredentials> type() {
            return JamaApiClientCredentials.class;
        }

        /** The token is minted on the controller; only a token file needs a workspace. */
        @Override
        public boolean requiresWorkspace() {
            return false;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.JamaTokenBinding_displayName();
        }
    }
}
