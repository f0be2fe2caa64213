package org.jenkinsci.plugins.workflow.steps;

/**
 * Surface of workflow-step-api-plugin {@code src/main/java/org/jenkinsci/plugins/workflow/steps/BodyExecution.java}
 * (workflow-step-api HEAD 0773c3c). */
public abstract class BodyExecution {

    private BodyExecution() {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
