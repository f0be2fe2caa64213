package hudson.security;

/** Surface of {@code core/src/main/java/hudson/security/Permission.java} (Jenkins 2.541.3). */
public final class Permission {

    private Permission() {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
