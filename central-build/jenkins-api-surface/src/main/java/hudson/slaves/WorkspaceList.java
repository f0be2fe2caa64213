package hudson.slaves;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.FilePath;

/** Surface of {@code core/src/main/java/hudson/slaves/WorkspaceList.java} (Jenkins 2.541.3). */
public final class WorkspaceList {

    @CheckForNull
    public static FilePath tempDir(FilePath ws) {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
