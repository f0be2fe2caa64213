package jenkins.agents;

import hudson.FilePath;

/** Surface of {@code core/src/main/java/jenkins/agents/ControllerToAgentFileCallable.java} (Jenkins 2.541.3). */
public interface ControllerToAgentFileCallable<T> extends FilePath.FileCallable<T> {}
