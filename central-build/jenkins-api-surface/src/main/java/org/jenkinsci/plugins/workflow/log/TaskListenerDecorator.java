package org.jenkinsci.plugins.workflow.log;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ExtensionPoint;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import org.jenkinsci.plugins.workflow.flow.FlowExecutionOwner;

/**
 * Surface of workflow-api-plugin {@code src/main/java/org/jenkinsci/plugins/workflow/log/TaskListenerDecorator.java}.
 */
public abstract class TaskListenerDecorator implements Serializable {

    private static final long serialVersionUID = 1;

    public abstract @NonNull OutputStream decorate(@NonNull OutputStream logger)
            throws IOException, InterruptedException;

    public interface Factory extends ExtensionPoint {
        @CheckForNull
        TaskListenerDecorator of(@NonNull FlowExecutionOwner owner);
    }
}
