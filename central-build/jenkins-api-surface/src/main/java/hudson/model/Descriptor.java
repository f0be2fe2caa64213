package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;

/** Surface of {@code core/src/main/java/hudson/model/Descriptor.java} (Jenkins 2.541.3). */
public abstract class Descriptor<T extends Describable<T>> {

    public final transient Class<? extends T> clazz = null;

    protected Descriptor(Class<? extends T> clazz) {
        throw new UnsupportedOperationException("compile-only surface");
    }

    protected Descriptor() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    @NonNull
    public String getDisplayName() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    protected void addHelpFileRedirect(
            String fieldName, Class<? extends Describable> owner, String fieldNameToRedirectTo) {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public static final class FormException extends Exception {

        public FormException(String message, String formField) {
            throw new UnsupportedOperationException("compile-only surface");
        }
    }
}
