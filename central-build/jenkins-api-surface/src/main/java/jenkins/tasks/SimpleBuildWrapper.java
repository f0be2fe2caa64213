package jenkins.tasks;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.console.ConsoleLogFilter;
import hudson.model.AbstractBuild;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildWrapper;
import java.io.IOException;
import java.util.Set;

/** Surface of {@code core/src/main/java/jenkins/tasks/SimpleBuildWrapper.java} (Jenkins 2.541.3). */
@SuppressWarnings("rawtypes")
public abstract class SimpleBuildWrapper extends BuildWrapper {

    public boolean requiresWorkspace() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public void setUp(Context context, Run<?, ?> build, TaskListener listener, EnvVars initialEnvironment)
            throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public static final class Context {

        private Context() {
            throw new UnsupportedOperationException("compile-only surface");
        }

        public void env(String key, String value) {
            throw new UnsupportedOperationException("compile-only surface");
        }
    }

    public @CheckForNull ConsoleLogFilter createLoggerDecorator(@NonNull Run<?, ?> build) {
        throw new UnsupportedOperationException("compile-only surface");
    }

    @Override
    public void makeSensitiveBuildVariables(AbstractBuild build, Set<String> sensitiveVariables) {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
