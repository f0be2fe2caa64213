package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;

/**
 * Surface of workflow-step-api-plugin
 * {@code src/main/java/org/jenkinsci/plugins/workflow/steps/BodyExecutionCallback.java}
 * (workflow-step-api HEAD 0773c3c). */
public abstract class BodyExecutionCallback implements Serializable {

    private static final long serialVersionUID = 1L;

    public abstract void onSuccess(StepContext context, Object result);

    public abstract void onFailure(StepContext context, Throwable t);
}
