package io.jenkins.plugins.jama.binding;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.console.ConsoleLogFilter;
import hudson.model.AbstractBuild;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.remoting.Channel;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import java.io.OutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.FailureHandler;
import org.jenkinsci.plugins.workflow.steps.GeneralNonBlockingStepExecution;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** {@code withJamaToken(credentialsId: 'jama-api') { ... }}: a Jama bearer token and site address for a block. */
public final class WithJamaTokenStep extends Step {

    /** Fields whose help lives here and is shared by the build wrapper and the binding. */
    static final List<String> FIELDS_WITH_HELP =
            List.of("credentialsId", "variable", "urlVariable", "minimumValidityMinutes", "tokenFileVariable");

    private final String credentialsId;
    private String variable = TokenFields.DEFAULT_TOKEN_VARIABLE;
    private String urlVariable = TokenFields.DEFAULT_URL_VARIABLE;

    @CheckForNull
    private Integer minimumValidityMinutes;

    // lgtm[jenkins/plaintext-storage] the name of an environment variable, not a token
    @CheckForNull
    private String tokenFileVariable;

    @DataBoundConstructor
    public WithJamaTokenStep(@CheckForNull String credentialsId) {
        this.credentialsId = credentialsId == null ? "" : credentialsId.trim();
    }

    public @NonNull String getCredentialsId() {
        return credentialsId;
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

    /** {@code null} when not set: the {@link TokenFields#DEFAULT_MINIMUM_MINUTES default} applies. */
    public @CheckForNull Integer getMinimumValidityMinutes() {
        return minimumValidityMinutes;
    }

    @DataBoundSetter
    public void setMinimumValidityMinutes(@CheckForNull Integer minimumValidityMinutes) {
        this.minimumValidityMinutes = minimumValidityMinutes;
    }

    /** {@code null} when not set: the block gets no token file. */
    public @CheckForNull String getTokenFileVariable() {
        return tokenFileVariable;
    }

    @DataBoundSetter
    public void setTokenFileVariable(@CheckForNull String tokenFileVariable) {
        this.tokenFileVariable = TokenFields.optionalVariable(tokenFileVariable);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    /**
     * Binds the token for the body, keeps it renewed while the body runs ({@link RenewingToken}), and resumes the
     * renewal after a controller restart from the token it stored encrypted.
     */
    private static final class Execution extends GeneralNonBlockingStepExecution {

        private static final long serialVersionUID = 1L;

        private final transient WithJamaTokenStep step;

        /** Set once the token is bound: what the renewal starts, and after a restart starts again, from. */
        @CheckForNull
        private RenewingToken.Seed seed;

        Execution(WithJamaTokenStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        public boolean start() {
            run(this::bindAndStartBody);
            return false;
        }

        /** Off the CPS thread: the token may have to be minted, which is an HTTP call. */
        private void bindAndStartBody() throws Exception {
            int minutes = TokenFields.minimumOrDefault(step.minimumValidityMinutes);
            String problem = TokenFields.variablesProblem(step.variable, step.urlVariable, step.tokenFileVariable);
            if (problem == null) {
                problem = TokenFields.minimumProblem(minutes);
            }
            if (problem != null) {
                throw new AbortException(problem);
            }
            StepContext context = getContext();
            Run<?, ?> run = context.get(Run.class);
            TaskListener listener = context.get(TaskListener.class);
            FilePath workspace = null;
            if (step.tokenFileVariable != null) {
                workspace = context.get(FilePath.class);
                if (workspace == null) {
                    throw new AbortException(Messages.WithJamaTokenStep_tokenFileNeedsNode(step.tokenFileVariable));
                }
            }
            TokenBinder.BoundToken bound = TokenBinder.bind(
                    run, listener, step.credentialsId, TokenFields.toDuration(minutes), "withJamaToken");
            FilePath tokenFolder = workspace == null ? null : RenewingToken.newTokenFolder(workspace);
            seed = new RenewingToken.Seed(bound, step.credentialsId, TokenFields.toDuration(minutes), tokenFolder);
            seed.start(run, listener, bound.credentials());
            String blockId = bound.blockId();
            Secret pattern = TokenMasks.patternFor(bound.token());
            String tokenFile = tokenFolder == null
                    ? null
                    : RenewingToken.tokenFileIn(tokenFolder).getRemote();
            String masksFile = tokenFolder == null
                    ? null
                    : RenewingToken.masksFileIn(tokenFolder).getRemote();
            TokenEnvironment environment = new TokenEnvironment(
                    blockId,
                    step.variable,
                    Secret.fromString(bound.token()),
                    step.urlVariable,
                    bound.baseUrl(),
                    step.tokenFileVariable,
                    tokenFile);
            context.newBodyInvoker()
                    .withContext(EnvironmentExpander.merge(context.get(EnvironmentExpander.class), environment))
                    .withContext(BodyInvoker.mergeConsoleLogFilters(
                            context.get(ConsoleLogFilter.class),
                            new TokenMaskingFilter(blockId, pattern, masksFile, run)))
                    .withContext(FailureHandler.merge(
                            context.get(FailureHandler.class), new TokenFailureHandler(blockId, pattern)))
                    .withCallback(new Callback())
                    .start();
        }

        /** The timer's renewals were lost with the old controller: they start again. */
        @Override
        public void onResume() {
            super.onResume();
            RenewingToken.Seed bound = seed;
            if (bound != null) {
                StepContext context = getContext();
                bound.resume(() -> context.get(Run.class), () -> context.get(TaskListener.class));
            }
        }

        /** The block is over, however it ended: renewal stops and the token file goes. */
        private final class Callback extends TailCall {

            private static final long serialVersionUID = 1L;

            @Override
            protected void finished(StepContext context) throws Exception {
                RenewingToken.Seed bound = seed;
                if (bound != null) {
                    bound.stop();
                }
            }
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "withJamaToken";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.WithJamaTokenStep_displayName();
        }

        @Override
        public boolean takesImplicitBlockArgument() {
            return true;
        }

        /** No FilePath or Launcher: the token is minted on the controller, so the step works outside node {}. */
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        @POST
        @Restricted(NoExternalUse.class)
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return CredentialsIdField.fill(item, credentialsId);
        }

        @POST
        @Restricted(NoExternalUse.class)
        public FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
            return CredentialsIdField.check(item, value);
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
        public FormValidation doCheckMinimumValidityMinutes(@QueryParameter String value) {
            return TokenFields.checkMinimum(value);
        }

        // lgtm[jenkins/no-permission-check] a syntax check only: no side effect, nothing looked up or revealed
        @POST
        @Restricted(NoExternalUse.class)
        public FormValidation doCheckTokenFileVariable(@QueryParameter String value) {
            return TokenFields.checkVariable(value);
        }
    }

    /**
     * Adds the token, the site address and the token file's path to the environment of a block. Each step started in
     * the block gets the block's current token: after a renewal, the new one. The token is declared sensitive, so
     * Pipeline warns when it is interpolated by Groovy and hides it in step arguments; the rest are not secrets.
     */
    private static final class TokenEnvironment extends EnvironmentExpander {

        private static final long serialVersionUID = 1L;

        private final String blockId;

        // lgtm[jenkins/plaintext-storage] the name of an environment variable, not a token
        private final String tokenVariable;
        private final Secret firstToken;
        private final String urlVariable;
        private final String url;

        // lgtm[jenkins/plaintext-storage] the name of an environment variable, not a token
        @CheckForNull
        private final String tokenFileVariable;

        // lgtm[jenkins/plaintext-storage] the path of the token file on the agent, not a token
        @CheckForNull
        private final String tokenFile;

        TokenEnvironment(
                @NonNull String blockId,
                @NonNull String tokenVariable,
                @NonNull Secret firstToken,
                @NonNull String urlVariable,
                @NonNull String url,
                @CheckForNull String tokenFileVariable,
                @CheckForNull String tokenFile) {
            this.blockId = blockId;
            this.tokenVariable = tokenVariable;
            this.firstToken = firstToken;
            this.urlVariable = urlVariable;
            this.url = url;
            this.tokenFileVariable = tokenFileVariable;
            this.tokenFile = tokenFile;
        }

        @Override
        public void expand(@NonNull EnvVars env) {
            RenewingToken renewing = RenewingToken.running(blockId);
            env.override(
                    tokenVariable,
                    renewing == null
                            ? firstToken.getPlainText()
                            : renewing.current().value());
            env.override(urlVariable, url);
            if (tokenFileVariable != null && tokenFile != null) {
                env.override(tokenFileVariable, tokenFile);
            }
        }

        @NonNull
        @Override
        public Set<String> getSensitiveVariables() {
            return Set.of(tokenVariable);
        }
    }

    /**
     * Masks, in the log of a Pipeline block, every token the block held and, where the controller writes the log,
     * every other token bound in the build so far (see {@link TokenMasks}).
     *
     * <p>Sent to an agent with a step such as {@code sh}, it carries the patterns of the block's own tokens as they
     * are when that step starts, computed on the controller: an agent never receives a token its steps were not
     * given. A step that runs across a renewal can read the new token only from the block's token file; for that
     * case the filter also reads the mask file next to it, which the controller rewrites, before the token file, with
     * the patterns of every token of the block. The mask file says nothing the token file beside it does not: it is
     * on the same agent, in the same folder only the agent's user can enter.
     */
    private static final class TokenMaskingFilter extends ConsoleLogFilter implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;

        private final String blockId;
        private final List<Secret> patterns;
        private final String charsetName;

        @CheckForNull
        private final String masksFile;

        /** {@code null} on an agent, where only {@link #patterns} and the mask file are known. */
        @CheckForNull
        private final String buildId;

        @CheckForNull
        private transient Run<?, ?> build;

        TokenMaskingFilter(
                @NonNull String blockId,
                @NonNull Secret pattern,
                @CheckForNull String masksFile,
                @NonNull Run<?, ?> build) {
            this(blockId, List.of(pattern), build.getCharset().name(), masksFile, build.getExternalizableId());
            this.build = build;
        }

        private TokenMaskingFilter(
                String blockId,
                List<Secret> patterns,
                String charsetName,
                @CheckForNull String masksFile,
                @CheckForNull String buildId) {
            this.blockId = blockId;
            this.patterns = patterns;
            this.charsetName = charsetName;
            this.masksFile = masksFile;
            this.buildId = buildId;
        }

        @SuppressWarnings("rawtypes") // Pipeline calls this overload, with no build
        @Override
        public OutputStream decorateLogger(AbstractBuild ignored, OutputStream logger) {
            Charset charset = Charset.forName(charsetName);
            Run<?, ?> run = build();
            if (run == null) {
                return new TokenMasks.MaskingStream(
                        logger,
                        new TokenMasks.FileMasks(patterns, masksFile == null ? List.of() : List.of(masksFile))::get,
                        charset);
            }
            TokenMasks masks = TokenMasks.of(run);
            for (Secret pattern : patterns) {
                masks.add(pattern); // again after a restart, when the build's masks start empty
            }
            return new TokenMasks.MaskingStream(logger, masks::union, charset);
        }

        /** To an agent go the patterns of the block's tokens so far: the agent cannot look up the build. */
        @Serial
        private Object writeReplace() {
            if (Channel.current() == null) {
                return this;
            }
            RenewingToken renewing = RenewingToken.running(blockId);
            List<Secret> held = renewing == null ? patterns : renewing.patterns();
            return new TokenMaskingFilter(blockId, held, charsetName, masksFile, null);
        }

        @CheckForNull
        private Run<?, ?> build() {
            if (build == null && buildId != null) {
                try {
                    build = Run.fromExternalizableId(buildId);
                } catch (RuntimeException e) {
                    return null; // not visible to this thread: the block's own tokens are still masked
                }
            }
            return build;
        }
    }

    /** Masks every token of the block in failures of its body (SECURITY-3499), which the log filter does not see. */
    private static final class TokenFailureHandler implements FailureHandler {

        private static final long serialVersionUID = 1L;

        private final String blockId;
        private final Secret pattern;

        TokenFailureHandler(@NonNull String blockId, @NonNull Secret pattern) {
            this.blockId = blockId;
            this.pattern = pattern;
        }

        @NonNull
        @Override
        public Throwable handle(@NonNull StepContext context, @NonNull Throwable failure) {
            RenewingToken renewing = RenewingToken.running(blockId);
            Pattern secrets =
                    Pattern.compile(TokenMasks.either(renewing == null ? List.of(pattern) : renewing.patterns()));
            if (failure instanceof AbortException
                    && failure.getCause() == null
                    && failure.getSuppressed().length == 0
                    && MaskedFailure.reveals(failure, secrets)) {
                // Keeps "error 'message'" and other AbortExceptions printed as one line without a stack trace.
                AbortException masked = new AbortException(MaskedFailure.maskedMessage(failure, secrets));
                masked.setStackTrace(failure.getStackTrace());
                return masked;
            }
            return MaskedFailure.mask(failure, secrets);
        }
    }
}
