package hudson.model;

/** Surface of {@code core/src/main/java/hudson/model/Action.java} (Jenkins 2.541.3). */
public interface Action {}
