package hudson.security;

import org.springframework.security.core.Authentication;

/** Surface of {@code core/src/main/java/hudson/security/ACL.java} (Jenkins 2.541.3). */
public abstract class ACL {

    public static final Authentication SYSTEM2 = unavailable();

    private ACL() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    /** Keeps the value unknown to analysis, as the real one is to our code. */
    private static Authentication unavailable() {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
