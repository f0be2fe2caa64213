package hudson;

import java.io.IOException;

/** Surface of {@code core/src/main/java/hudson/AbortException.java} (Jenkins 2.541.3). */
public class AbortException extends IOException {

    private static final long serialVersionUID = 1L;

    public AbortException() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public AbortException(String message) {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
