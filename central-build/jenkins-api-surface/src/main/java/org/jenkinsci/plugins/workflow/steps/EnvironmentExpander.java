package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import java.io.IOException;
import java.io.Serializable;
import java.util.Set;

/**
 * Surface of workflow-step-api-plugin
 * {@code src/main/java/org/jenkinsci/plugins/workflow/steps/EnvironmentExpander.java}
 * (workflow-step-api HEAD 0773c3c). */
public abstract class EnvironmentExpander implements Serializable {

    public abstract void expand(@NonNull EnvVars env) throws IOException, InterruptedException;

    public @NonNull Set<String> getSensitiveVariables() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public static EnvironmentExpander merge(
            @CheckForNull EnvironmentExpander original, @NonNull EnvironmentExpander subsequent) {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
