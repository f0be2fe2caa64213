package hudson.security;

import edu.umd.cs.findbugs.annotations.NonNull;
import org.springframework.security.access.AccessDeniedException;

/** Surface of {@code core/src/main/java/hudson/security/AccessControlled.java} (Jenkins 2.541.3). */
public interface AccessControlled {

    default void checkPermission(@NonNull Permission permission) throws AccessDeniedException {
        throw new UnsupportedOperationException("compile-only surface");
    }

    default void checkAnyPermission(@NonNull Permission... permission) throws AccessDeniedException {
        throw new UnsupportedOperationException("compile-only surface");
    }

    default boolean hasPermission(@NonNull Permission permission) {
        throw new UnsupportedOperationException("compile-only surface");
    }

    default boolean hasAnyPermission(@NonNull Permission... permission) {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
