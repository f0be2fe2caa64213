package com.cloudbees.plugins.credentials.impl;

import com.cloudbees.plugins.credentials.BaseCredentials;
import com.cloudbees.plugins.credentials.CredentialsDescriptor;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;

/**
 * Surface of credentials-plugin
 * {@code src/main/java/com/cloudbees/plugins/credentials/impl/BaseStandardCredentials.java}.
 */
public abstract class BaseStandardCredentials extends BaseCredentials implements StandardCredentials {

    public BaseStandardCredentials(@CheckForNull String id, @CheckForNull String description) {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public BaseStandardCredentials(
            @CheckForNull CredentialsScope scope, @CheckForNull String id, @CheckForNull String description) {
        throw new UnsupportedOperationException("compile-only surface");
    }

    @NonNull
    @Override
    public String getDescription() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    @NonNull
    @Override
    public String getId() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    @Override
    public final int hashCode() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    @Override
    public final boolean equals(Object o) {
        throw new UnsupportedOperationException("compile-only surface");
    }

    protected abstract static class BaseStandardCredentialsDescriptor extends CredentialsDescriptor {

        protected BaseStandardCredentialsDescriptor() {
            throw new UnsupportedOperationException("compile-only surface");
        }

        protected BaseStandardCredentialsDescriptor(Class<? extends BaseStandardCredentials> clazz) {
            throw new UnsupportedOperationException("compile-only surface");
        }
    }
}
