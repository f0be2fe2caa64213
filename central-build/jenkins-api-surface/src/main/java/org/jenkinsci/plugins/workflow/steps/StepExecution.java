package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

/**
 * Surface of workflow-step-api-plugin {@code src/main/java/org/jenkinsci/plugins/workflow/steps/StepExecution.java}
 * (workflow-step-api HEAD 0773c3c). */
public abstract class StepExecution implements Serializable {

    private static final long serialVersionUID = 1L;

    protected StepExecution(@NonNull StepContext context) {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public @NonNull StepContext getContext() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public abstract boolean start() throws Exception;

    public void onResume() {}
}
