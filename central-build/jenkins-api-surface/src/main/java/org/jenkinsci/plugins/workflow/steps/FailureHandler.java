package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.Beta;

/**
 * Surface of workflow-step-api-plugin {@code src/main/java/org/jenkinsci/plugins/workflow/steps/FailureHandler.java}
 * (workflow-step-api HEAD 0773c3c). */
@FunctionalInterface
@Restricted(Beta.class)
public interface FailureHandler extends Serializable {

    @NonNull
    Throwable handle(@NonNull StepContext ctx, @NonNull Throwable t);

    static FailureHandler merge(@CheckForNull FailureHandler original, @NonNull FailureHandler subsequent) {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
