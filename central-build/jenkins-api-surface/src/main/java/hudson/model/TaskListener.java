package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.PrintStream;

/** Surface of {@code core/src/main/java/hudson/model/TaskListener.java} (Jenkins 2.541.3). */
public interface TaskListener {
    @NonNull
    PrintStream getLogger();
}
