package org.springframework.security.access;

/**
 * Surface of spring-security {@code core/src/main/java/org/springframework/security/access/AccessDeniedException.java}
 * (6.5.7, in Jenkins 2.541.3).
 */
public class AccessDeniedException extends RuntimeException {

    private AccessDeniedException() {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
