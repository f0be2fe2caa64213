package io.jenkins.plugins.jama.binding;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.console.ConsoleLogFilter;
import hudson.model.AbstractBuild;
import hudson.model.AbstractProject;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildWrapperDescriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.io.IOException;
import java.util.Set;
import jenkins.tasks.SimpleBuildWrapper;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** Freestyle "Bind a Jama Connect bearer token": the same variables, lookup, masking and messages as the step. */
public final class JamaTokenBuildWrapper extends SimpleBuildWrapper {

    private final String credentialsId;
    private String variable = TokenVariables.DEFAULT_TOKEN_VARIABLE;
    private String urlVariable = TokenVariables.DEFAULT_URL_VARIABLE;
    private int minimumValidityMinutes = MinimumValidity.DEFAULT_MINUTES;

    @DataBoundConstructor
    public JamaTokenBuildWrapper(@CheckForNull String credentialsId) {
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

    public int getMinimumValidityMinutes() {
        return minimumValidityMinutes;
    }

    @DataBoundSetter
    public void setMinimumValidityMinutes(int minimumValidityMinutes) {
        this.minimumValidityMinutes = minimumValidityMinutes;
    }

    /** Old job configurations may lack fields added later. */
    private Object readResolve() {
        variable = TokenVariables.orDefault(variable, TokenVariables.DEFAULT_TOKEN_VARIABLE);
        urlVariable = TokenVariables.orDefault(urlVariable, TokenVariables.DEFAULT_URL_VARIABLE);
        if (minimumValidityMinutes == 0) {
            minimumValidityMinutes = MinimumValidity.DEFAULT_MINUTES;
        }
        return this;
    }

    @Override
    public boolean requiresWorkspace() {
        return false;
    }

    @Override
    public void setUp(Context context, Run<?, ?> build, TaskListener listener, EnvVars initialEnvironment)
            throws IOException, InterruptedException {
        String problem = TokenVariables.problem(variable, urlVariable);
        if (problem == null) {
            problem = MinimumValidity.problem(minimumValidityMinutes);
        }
        if (problem != null) {
            throw new AbortException(problem);
        }
        BoundToken bound =
                TokenBinder.bind(build, listener, credentialsId, MinimumValidity.toDuration(minimumValidityMinutes));
        WrapperMasks.register(build, TokenMasks.patternFor(bound.token()));
        context.env(variable, bound.token());
        context.env(urlVariable, bound.baseUrl());
    }

    /** Called when the build starts, before {@link #setUp}: the filter finds the pattern once setUp registered it. */
    @Override
    public @CheckForNull ConsoleLogFilter createLoggerDecorator(@NonNull Run<?, ?> build) {
        return WrapperMasks.filterFor(build);
    }

    @SuppressWarnings("rawtypes") // inherited
    @Override
    public void makeSensitiveBuildVariables(AbstractBuild build, Set<String> sensitiveVariables) {
        sensitiveVariables.add(variable);
    }

    @Symbol("jamaTokenWrapper")
    @Extension
    public static final class DescriptorImpl extends BuildWrapperDescriptor {

        @Override
        public boolean isApplicable(AbstractProject<?, ?> item) {
            return true;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.JamaTokenBuildWrapper_displayName();
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
