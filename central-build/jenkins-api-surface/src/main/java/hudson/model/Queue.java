package hudson.model;

/**
 * Surface of {@code core/src/main/java/hudson/model/Queue.java} (Jenkins 2.541.3); {@code Executable} leaves out its
 * supertypes {@code Runnable} and {@code WithConsoleUrl}.
 */
public class Queue {

    private Queue() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public interface Executable {}
}
