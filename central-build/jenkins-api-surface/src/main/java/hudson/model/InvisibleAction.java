package hudson.model;

/** Surface of {@code core/src/main/java/hudson/model/InvisibleAction.java} (Jenkins 2.541.3). */
public abstract class InvisibleAction implements Action {}
