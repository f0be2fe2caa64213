package hudson.tasks;

import hudson.ExtensionPoint;
import hudson.model.AbstractBuild;
import hudson.model.Describable;
import java.util.Set;

/** Surface of {@code core/src/main/java/hudson/tasks/BuildWrapper.java} (Jenkins 2.541.3). */
public abstract class BuildWrapper implements Describable<BuildWrapper>, ExtensionPoint {

    public void makeSensitiveBuildVariables(AbstractBuild build, Set<String> sensitiveVariables) {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
