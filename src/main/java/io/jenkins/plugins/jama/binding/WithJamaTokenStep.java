package io.jenkins.plugins.jama.binding;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
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
            List.of("credentialsId", "variable", "urlVariable", "minimumValidityMinutes");

    private final String credentialsId;
    private String variable = TokenFields.DEFAULT_TOKEN_VARIABLE;
    private String urlVariable = TokenFields.DEFAULT_URL_VARIABLE;

    @CheckForNull
    private Integer minimumValidityMinutes;

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

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    private static final class Execution extends GeneralNonBlockingStepExecution {

        private static final long serialVersionUID = 1L;

        private final transient WithJamaTokenStep step;

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
            String problem = TokenFields.variablesProblem(step.variable, step.urlVariable);
            if (problem == null) {
                problem = TokenFields.minimumProblem(minutes);
            }
            if (problem != null) {
                throw new AbortException(problem);
            }
            StepContext context = getContext();
            Run<?, ?> run = context.get(Run.class);
            TaskListener listener = context.get(TaskListener.class);
            TokenBinder.BoundToken bound = TokenBinder.bind(
                    run, listener, step.credentialsId, TokenFields.toDuration(minutes), "withJamaToken");
            Secret pattern = TokenMasks.patternFor(bound.token());
            TokenMasks.of(run).add(pattern);
            TokenEnvironment environment = new TokenEnvironment(
                    step.variable, Secret.fromString(bound.token()), step.urlVariable, bound.baseUrl());
            context.newBodyInvoker()
                    .withContext(EnvironmentExpander.merge(context.get(EnvironmentExpander.class), environment))
                    .withContext(BodyInvoker.mergeConsoleLogFilters(
                            context.get(ConsoleLogFilter.class), new TokenMaskingFilter(pattern, run)))
                    .withContext(
                            FailureHandler.merge(context.get(FailureHandler.class), new TokenFailureHandler(pattern)))
                    .withCallback(new Callback())
                    .start();
        }

        /** Nothing to undo: the variables, the mask and the failure handler live only in the body's context. */
        private final class Callback extends TailCall {

            private static final long serialVersionUID = 1L;

            @Override
            protected void finished(StepContext context) {}
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

        @POST
        @Restricted(NoExternalUse.class)
        public FormValidation doCheckMinimumValidityMinutes(@QueryParameter String value) {
            return TokenFields.checkMinimum(value);
        }
    }

    /**
     * Adds the token and the site address to the environment of a block. The token is declared sensitive, so Pipeline
     * warns when it is interpolated by Groovy and hides it in step arguments; the address is not a secret.
     */
    private static final class TokenEnvironment extends EnvironmentExpander {

        private static final long serialVersionUID = 1L;

        private final String tokenVariable;
        private final Secret token;
        private final String urlVariable;
        private final String url;

        TokenEnvironment(
                @NonNull String tokenVariable,
                @NonNull Secret token,
                @NonNull String urlVariable,
                @NonNull String url) {
            this.tokenVariable = tokenVariable;
            this.token = token;
            this.urlVariable = urlVariable;
            this.url = url;
        }

        @Override
        public void expand(@NonNull EnvVars env) {
            env.override(tokenVariable, token.getPlainText());
            env.override(urlVariable, url);
        }

        @NonNull
        @Override
        public Set<String> getSensitiveVariables() {
            return Set.of(tokenVariable);
        }
    }

    /**
     * Masks, in the log of a Pipeline block, the block's token and, where the controller writes the log, every other
     * token bound in the build so far (see {@link TokenMasks}). Sent to an agent with {@code sh}, it carries only the
     * block's own pattern, computed on the controller: an agent never receives a token its steps were not given.
     */
    private static final class TokenMaskingFilter extends ConsoleLogFilter implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;

        private final Secret pattern;
        private final String charsetName;

        /** {@code null} on an agent, where only {@link #pattern} is known. */
        @CheckForNull
        private final String buildId;

        @CheckForNull
        private transient Run<?, ?> build;

        TokenMaskingFilter(@NonNull Secret pattern, @NonNull Run<?, ?> build) {
            this(pattern, build.getCharset().name(), build.getExternalizableId());
            this.build = build;
        }

        private TokenMaskingFilter(Secret pattern, String charsetName, @CheckForNull String buildId) {
            this.pattern = pattern;
            this.charsetName = charsetName;
            this.buildId = buildId;
        }

        @SuppressWarnings("rawtypes") // Pipeline calls this overload, with no build
        @Override
        public OutputStream decorateLogger(AbstractBuild ignored, OutputStream logger) {
            Charset charset = Charset.forName(charsetName);
            Run<?, ?> run = build();
            if (run == null) {
                Pattern own = TokenMasks.compile(pattern);
                return new TokenMasks.MaskingStream(logger, () -> own, charset);
            }
            TokenMasks masks = TokenMasks.of(run);
            masks.add(pattern); // again after a restart, when the build's masks start empty
            return new TokenMasks.MaskingStream(logger, masks::union, charset);
        }

        /** To an agent goes only the block's own pattern: the agent cannot look up the build. */
        @Serial
        private Object writeReplace() {
            return Channel.current() == null ? this : new TokenMaskingFilter(pattern, charsetName, null);
        }

        @CheckForNull
        private Run<?, ?> build() {
            if (build == null && buildId != null) {
                try {
                    build = Run.fromExternalizableId(buildId);
                } catch (RuntimeException e) {
                    return null; // not visible to this thread: the block's own token is still masked
                }
            }
            return build;
        }
    }

    /** Masks the token in failures of the block's body (SECURITY-3499), which the log filter does not see. */
    private static final class TokenFailureHandler implements FailureHandler {

        private static final long serialVersionUID = 1L;

        private final Secret pattern;

        TokenFailureHandler(@NonNull Secret pattern) {
            this.pattern = pattern;
        }

        @NonNull
        @Override
        public Throwable handle(@NonNull StepContext context, @NonNull Throwable failure) {
            Pattern secrets = TokenMasks.compile(pattern);
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
