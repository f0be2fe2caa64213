package hudson.util;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

/** Surface of {@code core/src/main/java/hudson/util/Secret.java} (Jenkins 2.541.3). */
public final class Secret implements Serializable {

    private static final long serialVersionUID = 1L;

    private Secret() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    @NonNull
    public String getPlainText() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public String getEncryptedValue() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    @CheckForNull
    public static Secret decrypt(@CheckForNull String data) {
        throw new UnsupportedOperationException("compile-only surface");
    }

    @NonNull
    public static Secret fromString(@CheckForNull String data) {
        throw new UnsupportedOperationException("compile-only surface");
    }

    @NonNull
    public static String toString(@CheckForNull Secret s) {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
