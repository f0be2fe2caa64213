package jenkins;

import jenkins.agents.ControllerToAgentFileCallable;

/** Surface of {@code core/src/main/java/jenkins/MasterToSlaveFileCallable.java} (Jenkins 2.541.3). */
public abstract class MasterToSlaveFileCallable<T> implements ControllerToAgentFileCallable<T> {

    private static final long serialVersionUID = 1L;
}
