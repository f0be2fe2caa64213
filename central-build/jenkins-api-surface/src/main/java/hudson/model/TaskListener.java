package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.PrintStream;

/**
 * Surface of {@code core/src/main/java/hudson/model/TaskListener.java} (Jenkins 2.541.3); {@link #NULL} is declared
 * without the real {@code NullTaskListener} behind it.
 */
public interface TaskListener {
    TaskListener NULL = null;

    @NonNull
    PrintStream getLogger();
}
