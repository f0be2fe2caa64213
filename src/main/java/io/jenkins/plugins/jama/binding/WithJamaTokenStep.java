package io.jenkins.plugins.jama.binding;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.console.ConsoleLogFilter;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
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
    private String variable = TokenVariables.DEFAULT_TOKEN_VARIABLE;
    private String urlVariable = TokenVariables.DEFAULT_URL_VARIABLE;

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
        this.variable = TokenVariables.orDefault(variable, TokenVariables.DEFAULT_TOKEN_VARIABLE);
    }

    public @NonNull String getUrlVariable() {
        return urlVariable;
    }

    @DataBoundSetter
    public void setUrlVariable(@CheckForNull String urlVariable) {
        this.urlVariable = TokenVariables.orDefault(urlVariable, TokenVariables.DEFAULT_URL_VARIABLE);
    }

    /** {@code null} when not set: the {@link MinimumValidity#DEFAULT_MINUTES default} applies. */
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
            int minutes = MinimumValidity.orDefault(step.minimumValidityMinutes);
            String problem = TokenVariables.problem(step.variable, step.urlVariable);
            if (problem == null) {
                problem = MinimumValidity.problem(minutes);
            }
            if (problem != null) {
                throw new AbortException(problem);
            }
            StepContext context = getContext();
            Run<?, ?> run = context.get(Run.class);
            TaskListener listener = context.get(TaskListener.class);
            BoundToken bound = TokenBinder.bind(run, listener, step.credentialsId, MinimumValidity.toDuration(minutes));
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
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return CredentialsIdField.fill(item, credentialsId);
        }

        @POST
        public FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
            return CredentialsIdField.check(item, value);
        }

        @POST
        public FormValidation doCheckVariable(@QueryParameter String value) {
            return FieldChecks.variable(value);
        }

        @POST
        public FormValidation doCheckUrlVariable(@QueryParameter String value) {
            return FieldChecks.variable(value);
        }

        @POST
        public FormValidation doCheckMinimumValidityMinutes(@QueryParameter String value) {
            return FieldChecks.minimumValidity(value);
        }
    }
}
