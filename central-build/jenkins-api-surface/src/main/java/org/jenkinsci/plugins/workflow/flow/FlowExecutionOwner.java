package org.jenkinsci.plugins.workflow.flow;

import hudson.model.Queue;
import java.io.IOException;
import java.io.Serializable;

/** Surface of workflow-api-plugin {@code src/main/java/org/jenkinsci/plugins/workflow/flow/FlowExecutionOwner.java}. */
public abstract class FlowExecutionOwner implements Serializable {

    public abstract Queue.Executable getExecutable() throws IOException;
}
