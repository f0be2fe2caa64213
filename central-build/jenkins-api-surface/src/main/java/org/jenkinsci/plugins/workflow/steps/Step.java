package org.jenkinsci.plugins.workflow.steps;

import hudson.ExtensionPoint;
import hudson.model.AbstractDescribableImpl;

/**
 * Surface of workflow-step-api-plugin {@code src/main/java/org/jenkinsci/plugins/workflow/steps/Step.java}
 * (workflow-step-api HEAD 0773c3c). */
public abstract class Step extends AbstractDescribableImpl<Step> implements ExtensionPoint {

    public abstract StepExecution start(StepContext context) throws Exception;

    @Override
    public StepDescriptor getDescriptor() {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
