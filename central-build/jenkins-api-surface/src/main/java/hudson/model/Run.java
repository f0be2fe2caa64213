package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.File;
import java.nio.charset.Charset;
import org.springframework.security.access.AccessDeniedException;

/** Surface of {@code core/src/main/java/hudson/model/Run.java} (Jenkins 2.541.3). */
public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable {

    public final @NonNull Charset getCharset() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public @NonNull String getExternalizableId() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public @CheckForNull static Run<?, ?> fromExternalizableId(String id)
            throws IllegalArgumentException, AccessDeniedException {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public @NonNull File getRootDir() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public boolean isBuilding() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public static final class RunnerAbortedException extends RuntimeException {}
}
