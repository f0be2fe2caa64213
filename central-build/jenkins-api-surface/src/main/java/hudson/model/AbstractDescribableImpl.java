package hudson.model;

/** Surface of {@code core/src/main/java/hudson/model/AbstractDescribableImpl.java} (Jenkins 2.541.3). */
@Deprecated(since = "2.505")
public abstract class AbstractDescribableImpl<T extends AbstractDescribableImpl<T>> implements Describable<T> {}
