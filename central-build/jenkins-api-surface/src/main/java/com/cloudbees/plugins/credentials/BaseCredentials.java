package com.cloudbees.plugins.credentials;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;

/** Surface of credentials-plugin {@code src/main/java/com/cloudbees/plugins/credentials/BaseCredentials.java}. */
public class BaseCredentials implements Credentials {

    private static final long serialVersionUID = 1L;

    protected BaseCredentials() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public BaseCredentials(@CheckForNull CredentialsScope scope) {
        throw new UnsupportedOperationException("compile-only surface");
    }

    @CheckForNull
    @Override
    public CredentialsScope getScope() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    @NonNull
    @Override
    public CredentialsDescriptor getDescriptor() {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
