package com.cloudbees.plugins.credentials;

import hudson.model.Descriptor;

/**
 * Surface of credentials-plugin {@code src/main/java/com/cloudbees/plugins/credentials/CredentialsDescriptor.java}.
 */
public abstract class CredentialsDescriptor extends Descriptor<Credentials> {

    protected CredentialsDescriptor(Class<? extends Credentials> clazz) {
        throw new UnsupportedOperationException("compile-only surface");
    }

    protected CredentialsDescriptor() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public String getIconClassName() {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
