package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.console.ConsoleLogFilter;

/**
 * Surface of workflow-step-api-plugin {@code src/main/java/org/jenkinsci/plugins/workflow/steps/BodyInvoker.java}
 * (workflow-step-api HEAD 0773c3c). */
public abstract class BodyInvoker {

    public abstract BodyInvoker withContext(Object override);

    public abstract BodyInvoker withCallback(BodyExecutionCallback callback);

    public abstract BodyExecution start();

    public static ConsoleLogFilter mergeConsoleLogFilters(
            @CheckForNull ConsoleLogFilter original, @NonNull ConsoleLogFilter subsequent) {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
