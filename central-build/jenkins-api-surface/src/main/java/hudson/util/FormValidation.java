package hudson.util;

import java.io.IOException;

/** Surface of {@code core/src/main/java/hudson/util/FormValidation.java} (Jenkins 2.541.3). */
public abstract class FormValidation extends IOException {

    private FormValidation() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public static FormValidation error(String message) {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public static FormValidation warning(String message) {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public static FormValidation ok() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public static FormValidation ok(String message) {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
