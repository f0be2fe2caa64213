package hudson.security;

import edu.umd.cs.findbugs.annotations.NonNull;

/** Surface of {@code core/src/main/java/hudson/security/AccessControlled.java} (Jenkins 2.541.3). */
public interface AccessControlled {
    default boolean hasPermission(@NonNull Permission permission) {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
