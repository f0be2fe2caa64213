package org.jenkinsci.plugins.workflow.steps;

import hudson.model.Descriptor;
import java.util.Set;

/**
 * Surface of workflow-step-api-plugin {@code src/main/java/org/jenkinsci/plugins/workflow/steps/StepDescriptor.java}
 * (workflow-step-api HEAD 0773c3c). */
public abstract class StepDescriptor extends Descriptor<Step> {

    public abstract Set<? extends Class<?>> getRequiredContext();

    public abstract String getFunctionName();

    public boolean takesImplicitBlockArgument() {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
