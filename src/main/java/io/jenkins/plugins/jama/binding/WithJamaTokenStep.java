package io.jenkins.plugins.jama.binding;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.console.ConsoleLogFilter;
import hudson.model.AbstractBuild;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.remoting.Channel;
import hudson.util.Secret;
import java.io.OutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.FailureHandler;
import org.jenkinsci.plugins.workflow.steps.GeneralNonBlockingStepExecution;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** {@code withJamaToken(credentialsId: 'jama-api') { ... }}: a Jama bearer token and site address for a block. */
public final class WithJamaTokenStep extends Step {

    /** Fields whose help lives here and is shared by the build wrapper and the binding. */
    static final List<String> FIELDS_WITH_HELP =
            List.of("credentialsId", "variable", "urlVariable", "minimumValidityMinutes", "tokenFileVariable");

    private final String credentialsId;
    private String variable = BlockOptions.DEFAULT_TOKEN_VARIABLE;
    private String urlVariable = BlockOptions.DEFAULT_URL_VARIABLE;

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
        this.variable = BlockOptions.nameOrDefault(variable, BlockOptions.DEFAULT_TOKEN_VARIABLE);
    }

    public @NonNull String getUrlVariable() {
        return urlVariable;
    }

    @DataBoundSetter
    public void setUrlVariable(@CheckForNull String urlVariable) {
        this.urlVariable = BlockOptions.nameOrDefault(urlVariable, BlockOptions.DEFAULT_URL_VARIABLE);
    }

    /** {@code null} when not set: the {@link BlockOptions#DEFAULT_MINIMUM_MINUTES default} applies. */
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
        this.tokenFileVariable = BlockOptions.optionalName(tokenFileVariable);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    /** Binds the token for the body off the CPS thread (it may call Jama), and resumes its renewal after a restart. */
    private static final class Execution extends GeneralNonBlockingStepExecution {

        @Serial
        private static final long serialVersionUID = 1L;

        private final transient WithJamaTokenStep step;

        @CheckForNull
        private TokenBlock block;

        Execution(WithJamaTokenStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        public boolean start() {
            run(this::bindAndStartBody);
            return false;
        }

        private void bindAndStartBody() throws Exception {
            int minutes = BlockOptions.minimumOrDefault(step.minimumValidityMinutes);
            BlockOptions.check(step.variable, step.urlVariable, step.tokenFileVariable, minutes);
            StepContext context = getContext();
            Run<?, ?> run = context.get(Run.class);
            FilePath workspace = step.tokenFileVariable == null ? null : context.get(FilePath.class);
            if (step.tokenFileVariable != null && workspace == null) {
                throw new AbortException(Messages.WithJamaTokenStep_tokenFileNeedsNode(step.tokenFileVariable));
            }
            TokenBlock bound = TokenBlock.open(
                    run,
                    context.get(TaskListener.class),
                    step.credentialsId,
                    Duration.ofMinutes(minutes),
                    "withJamaToken",
                    workspace,
                    true);
            block = bound;
            context.newBodyInvoker()
                    .withContext(EnvironmentExpander.merge(
                            context.get(EnvironmentExpander.class),
                            new TokenEnvironment(bound, step.variable, step.urlVariable, step.tokenFileVariable)))
                    .withContext(BodyInvoker.mergeConsoleLogFilters(
                            context.get(ConsoleLogFilter.class),
                            new BlockMasks(run.getCharset().name(), bound, null, null)))
                    .withContext(FailureHandler.merge(context.get(FailureHandler.class), new BlockFailures(bound)))
                    .withCallback(new Callback())
                    .start();
        }

        @Override
        public void onResume() {
            super.onResume();
            TokenBlock bound = block;
            if (bound != null) {
                StepContext context = getContext();
                bound.resume(() -> context.get(Run.class), () -> context.get(TaskListener.class));
            }
        }

        private final class Callback extends TailCall {

            @Serial
            private static final long serialVersionUID = 1L;

            @Override
            protected void finished(StepContext context) throws Exception {
                if (block != null) {
                    block.close();
                }
            }
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor implements BlockOptions.Checks {

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
    }

    /**
     * Adds the token, the site address and the token file's path to the environment of a block. Each step started in
     * the block gets the block's current token: after a renewal, the new one. The token is declared sensitive, so
     * Pipeline warns when it is interpolated by Groovy and hides it in step arguments; the rest are not secrets.
     */
    private static final class TokenEnvironment extends EnvironmentExpander {

        @Serial
        private static final long serialVersionUID = 1L;

        private final TokenBlock block;

        // lgtm[jenkins/plaintext-storage] the name of an environment variable, not a token
        private final String tokenVariable;

        private final String urlVariable;

        // lgtm[jenkins/plaintext-storage] the name of an environment variable, not a token
        @CheckForNull
        private final String tokenFileVariable;

        TokenEnvironment(
                TokenBlock block, String tokenVariable, String urlVariable, @CheckForNull String tokenFileVariable) {
            this.block = block;
            this.tokenVariable = tokenVariable;
            this.urlVariable = urlVariable;
            this.tokenFileVariable = tokenFileVariable;
        }

        @Override
        public void expand(@NonNull EnvVars env) {
            env.override(tokenVariable, block.token());
            block.publicVariables(urlVariable, tokenFileVariable).forEach(env::override);
        }

        @NonNull
        @Override
        public Set<String> getSensitiveVariables() {
            return Set.of(tokenVariable);
        }
    }

    /**
     * The block's log filter for a step on an agent, such as {@code sh}: sent there, it carries the patterns of the
     * block's own tokens as they are when that step starts, so an agent never receives a token its steps were not
     * given, and it reads the mask file next to the block's token file, for a renewal during the step. Where the
     * controller writes the log, {@link TokenMasks.PipelineMasks} already masks every token of the build.
     */
    private static final class BlockMasks extends ConsoleLogFilter implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;

        private final String charsetName;

        /** On the controller only: the agent gets {@link #sent} and {@link #masksFile} instead. */
        @CheckForNull
        private final TokenBlock block;

        @CheckForNull
        private final List<Secret> sent;

        @CheckForNull
        private final String masksFile;

        BlockMasks(
                String charsetName,
                @CheckForNull TokenBlock block,
                @CheckForNull List<Secret> sent,
                @CheckForNull String masksFile) {
            this.charsetName = charsetName;
            this.block = block;
            this.sent = sent;
            this.masksFile = masksFile;
        }

        @SuppressWarnings("rawtypes") // Pipeline calls this overload, with no build
        @Override
        public OutputStream decorateLogger(AbstractBuild ignored, OutputStream logger) {
            return block != null
                    ? logger
                    : new TokenMasks.MaskingStream(
                            logger,
                            new TokenMasks.FileMasks(
                                            sent == null ? List.of() : sent,
                                            masksFile == null ? List.of() : List.of(masksFile))::get,
                            Charset.forName(charsetName));
        }

        @Serial
        private Object writeReplace() {
            return Channel.current() == null || block == null
                    ? this
                    : new BlockMasks(charsetName, null, block.patterns(), block.masksFile());
        }
    }

    /** Masks every token of the block in failures of its body (SECURITY-3499), which no log filter sees. */
    private static final class BlockFailures implements FailureHandler {

        @Serial
        private static final long serialVersionUID = 1L;

        private final TokenBlock block;

        BlockFailures(TokenBlock block) {
            this.block = block;
        }

        @NonNull
        @Override
        public Throwable handle(@NonNull StepContext context, @NonNull Throwable failure) {
            return TokenMasks.mask(failure, TokenMasks.anyOf(block.patterns()));
        }
    }
}
