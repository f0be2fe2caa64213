package hudson.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;

/** Surface of {@code core/src/main/java/hudson/model/Item.java} (Jenkins 2.541.3). */
public interface Item extends AccessControlled {
    Permission CONFIGURE = unavailable();
    Permission EXTENDED_READ = unavailable();

    /** Keeps the value unknown to analysis, as the real one is to our code. */
    private static Permission unavailable() {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
