package hudson.model;

/** Surface of {@code core/src/main/java/hudson/model/AbstractProject.java} (Jenkins 2.541.3). */
public abstract class AbstractProject<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>>
        extends Job<P, R> {

    private AbstractProject() {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
