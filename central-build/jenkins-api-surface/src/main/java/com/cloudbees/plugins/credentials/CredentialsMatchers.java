package com.cloudbees.plugins.credentials;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;

/** Surface of credentials-plugin {@code src/main/java/com/cloudbees/plugins/credentials/CredentialsMatchers.java}. */
public class CredentialsMatchers {

    private CredentialsMatchers() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    @NonNull
    public static CredentialsMatcher always() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    @CheckForNull
    public static <C extends Credentials> C firstOrNull(
            @NonNull Iterable<C> credentials, @NonNull CredentialsMatcher matcher) {
        throw new UnsupportedOperationException("compile-only surface");
    }

    @NonNull
    public static CredentialsMatcher withId(@NonNull String id) {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
