package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * Surface of {@code core/src/main/java/hudson/model/Action.java} (Jenkins 2.541.3); {@code ModelObject}, which only
 * declares {@code getDisplayName()} again, is left out.
 */
public interface Action {

    @CheckForNull
    String getIconFileName();

    @CheckForNull
    String getDisplayName();

    @CheckForNull
    String getUrlName();
}
