package jenkins.util;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.concurrent.ScheduledExecutorService;

/** Surface of {@code core/src/main/java/jenkins/util/Timer.java} (Jenkins 2.541.3). */
public class Timer {

    @NonNull
    public static synchronized ScheduledExecutorService get() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    private Timer() {}
}
