package hudson.tasks;

import hudson.model.AbstractProject;
import hudson.model.Descriptor;

/** Surface of {@code core/src/main/java/hudson/tasks/BuildWrapperDescriptor.java} (Jenkins 2.541.3). */
public abstract class BuildWrapperDescriptor extends Descriptor<BuildWrapper> {

    protected BuildWrapperDescriptor() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public abstract boolean isApplicable(AbstractProject<?, ?> item);
}
