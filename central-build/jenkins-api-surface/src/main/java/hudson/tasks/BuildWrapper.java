package hudson.tasks;

import hudson.ExtensionPoint;
import hudson.Launcher;
import hudson.model.AbstractBuild;
import hudson.model.BuildListener;
import hudson.model.Describable;
import hudson.model.Run.RunnerAbortedException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Set;

/** Surface of {@code core/src/main/java/hudson/tasks/BuildWrapper.java} (Jenkins 2.541.3). */
public abstract class BuildWrapper implements Describable<BuildWrapper>, ExtensionPoint {

    public abstract class Environment extends hudson.model.Environment {}

    public Environment setUp(AbstractBuild build, Launcher launcher, BuildListener listener)
            throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public OutputStream decorateLogger(AbstractBuild build, OutputStream logger)
            throws IOException, InterruptedException, RunnerAbortedException {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public void makeSensitiveBuildVariables(AbstractBuild build, Set<String> sensitiveVariables) {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
