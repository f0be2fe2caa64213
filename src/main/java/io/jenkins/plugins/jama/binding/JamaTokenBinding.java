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
import java.io.OutputStream;
import java.io.Serial;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.credentialsbinding.BindingDescriptor;
import org.jenkinsci.plugins.credentialsbinding.MultiBinding;
import org.jenkinsci.plugins.variant.OptionalExtension;
import org.jenkinsci.plugins.workflow.flow.FlowExecutionOwner;
import org.jenkinsci.plugins.workflow.log.TaskListenerDecorator;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code withCredentials([jamaToken(credentialsId: 'jama-api')])}, and "Use secret text(s) or file(s)" in freestyle:
 * the token as a secret variable, the site address as a public one. credentials-binding does the masking of the token
 * the block starts with.
 *
 * <p>credentials-binding fixes a block's variables and masks when it starts. So only a block with a token file
 * ({@code tokenFileVariable}) renews its token: the file is the one place a renewed token goes, and {@link
 * RenewedTokenMasks} masks what the file held in the build's logs.
 */
public final class JamaTokenBinding extends MultiBinding<JamaApiClientCredentials> {

    private String variable = TokenFields.DEFAULT_TOKEN_VARIABLE;
    private String urlVariable = TokenFields.DEFAULT_URL_VARIABLE;

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
        this.variable = TokenFields.variableOrDefault(variable, TokenFields.DEFAULT_TOKEN_VARIABLE);
    }

    public @NonNull String getUrlVariable() {
        return urlVariable;
    }

    @DataBoundSetter
    public void setUrlVariable(@CheckForNull String urlVariable) {
        this.urlVariable = TokenFields.variableOrDefault(urlVariable, TokenFields.DEFAULT_URL_VARIABLE);
    }

    /** {@code null} when not set: the block gets no token file, and its token is not renewed. */
    public @CheckForNull String getTokenFileVariable() {
        return tokenFileVariable;
    }

    @DataBoundSetter
    public void setTokenFileVariable(@CheckForNull String tokenFileVariable) {
        this.tokenFileVariable = TokenFields.optionalVariable(tokenFileVariable);
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
        String problem = TokenFields.variablesProblem(variable, urlVariable, tokenFileVariable);
        if (problem != null) {
            throw new AbortException(problem);
        }
        if (tokenFileVariable != null && workspace == null) {
            throw new AbortException(Messages.JamaTokenBinding_tokenFileNeedsWorkspace(tokenFileVariable));
        }
        String credentialsId = getCredentialsId() == null ? "" : getCredentialsId();
        Duration minValidity = TokenFields.toDuration(TokenFields.DEFAULT_MINIMUM_MINUTES);
        TokenBinder.BoundToken bound = TokenBinder.bind(build, listener, credentialsId, minValidity, "jamaToken");
        if (tokenFileVariable == null || workspace == null) {
            return new MultiEnvironment(Map.of(variable, bound.token()), Map.of(urlVariable, bound.baseUrl()));
        }
        FilePath tokenFolder = RenewingToken.newTokenFolder(workspace);
        RenewingToken.Seed seed = new RenewingToken.Seed(bound, credentialsId, minValidity, tokenFolder);
        seed.start(build, listener, bound.credentials());
        return new MultiEnvironment(
                Map.of(variable, bound.token()),
                Map.of(
                        urlVariable,
                        bound.baseUrl(),
                        tokenFileVariable,
                        RenewingToken.tokenFileIn(tokenFolder).getRemote()),
                new StopRenewal(build, seed));
    }

    /**
     * Ends the block's renewal and deletes its token file when the block is over, however it ended. Stored with the
     * block in {@code program.dat}, it also starts the renewal again after a controller restart. Renewal lines go to
     * the controller's log then: credentials-binding gives an unbinder no build log until the block ends.
     */
    private static final class StopRenewal implements Unbinder {

        private static final long serialVersionUID = 1L;

        private final String buildId;
        private final RenewingToken.Seed seed;

        StopRenewal(Run<?, ?> build, RenewingToken.Seed seed) {
            this.buildId = build.getExternalizableId();
            this.seed = seed;
        }

        @Override
        public void unbind(
                @NonNull Run<?, ?> build,
                @Nullable FilePath workspace,
                @Nullable Launcher launcher,
                @NonNull TaskListener listener)
                throws IOException, InterruptedException {
            seed.stop();
        }

        /** Read back from {@code program.dat}: the controller restarted inside the block. */
        @Serial
        private Object readResolve() {
            seed.resume(() -> Run.fromExternalizableId(buildId), () -> TaskListener.NULL);
            return this;
        }
    }

    /**
     * Masks, in every log of a Pipeline build, the tokens that renewals wrote to the token files of its {@code
     * jamaToken} blocks, which credentials-binding's own masks cannot know. It carries only the paths of the blocks'
     * mask files, never a token: on an agent it reads the mask file that is there, next to the token file a step
     * could print from, and elsewhere finds none. Where the controller writes the log, the build's {@link TokenMasks}
     * hold every token already.
     */
    @OptionalExtension(requirePlugins = "workflow-api")
    public static final class RenewedTokenMasks implements TaskListenerDecorator.Factory {

        @CheckForNull
        @Override
        public TaskListenerDecorator of(@NonNull FlowExecutionOwner owner) {
            try {
                if (owner.getExecutable() instanceof Run<?, ?> run) {
                    List<String> masksFiles = RenewingToken.masksFilesOf(run);
                    return masksFiles.isEmpty() ? null : new Decorator(masksFiles);
                }
            } catch (IOException e) {
                // No build to ask: nothing of ours to mask.
            }
            return null;
        }

        private static final class Decorator extends TaskListenerDecorator {

            private static final long serialVersionUID = 1L;

            private final List<String> masksFiles;

            Decorator(List<String> masksFiles) {
                this.masksFiles = List.copyOf(masksFiles);
            }

            @NonNull
            @Override
            public OutputStream decorate(@NonNull OutputStream logger) {
                return new TokenMasks.MaskingStream(
                        logger, new TokenMasks.FileMasks(List.of(), masksFiles)::get, StandardCharsets.UTF_8);
            }
        }
    }

    @Override
    public Set<String> variables(@NonNull Run<?, ?> build) {
        return Set.of(variable);
    }

    @Symbol("jamaToken")
    @Extension
    public static final class DescriptorImpl extends BindingDescriptor<JamaApiClientCredentials> {

        public DescriptorImpl() {
            for (String field : List.of("credentialsId", "variable", "urlVariable", "tokenFileVariable")) {
                addHelpFileRedirect(field, WithJamaTokenStep.class, field);
            }
        }

        @Override
        protected Class<JamaApiClientCredentials> type() {
            return JamaApiClientCredentials.class;
        }

        /** The token is minted on the controller; only a token file, when asked for, needs a workspace. */
        @Override
        public boolean requiresWorkspace() {
            return false;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.JamaTokenBinding_displayName();
        }

        // lgtm[jenkins/no-permission-check] a syntax check only: no side effect, nothing looked up or revealed
        @POST
        @Restricted(NoExternalUse.class)
        public FormValidation doCheckVariable(@QueryParameter String value) {
            return TokenFields.checkVariable(value);
        }

        // lgtm[jenkins/no-permission-check] a syntax check only: no side effect, nothing looked up or revealed
        @POST
        @Restricted(NoExternalUse.class)
        public FormValidation doCheckUrlVariable(@QueryParameter String value) {
            return TokenFields.checkVariable(value);
        }

        // lgtm[jenkins/no-permission-check] a syntax check only: no side effect, nothing looked up or revealed
        @POST
        @Restricted(NoExternalUse.class)
        public FormValidation doCheckTokenFileVariable(@QueryParameter String value) {
            return TokenFields.checkVariable(value);
        }
    }
}
