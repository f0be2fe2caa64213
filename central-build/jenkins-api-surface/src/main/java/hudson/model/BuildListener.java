package hudson.model;

/** Surface of {@code core/src/main/java/hudson/model/BuildListener.java} (Jenkins 2.541.3). */
public interface BuildListener extends TaskListener {}
