package hudson;

/** Surface of {@code core/src/main/java/hudson/ExtensionPoint.java} (Jenkins 2.541.3). */
public interface ExtensionPoint {}
