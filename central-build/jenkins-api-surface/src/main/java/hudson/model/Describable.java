package hudson.model;

/** Surface of {@code core/src/main/java/hudson/model/Describable.java} (Jenkins 2.541.3). */
public interface Describable<T extends Describable<T>> {
    default Descriptor<T> getDescriptor() {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
