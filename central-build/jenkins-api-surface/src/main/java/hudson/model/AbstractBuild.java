package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.FilePath;

/** Surface of {@code core/src/main/java/hudson/model/AbstractBuild.java} (Jenkins 2.541.3). */
public abstract class AbstractBuild<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>> extends Run<P, R> {

    private AbstractBuild() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public final @CheckForNull FilePath getWorkspace() {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
