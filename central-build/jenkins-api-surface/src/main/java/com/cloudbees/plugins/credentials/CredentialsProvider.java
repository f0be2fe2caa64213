package com.cloudbees.plugins.credentials;

import hudson.security.Permission;

/** Surface of credentials-plugin {@code src/main/java/com/cloudbees/plugins/credentials/CredentialsProvider.java}. */
public abstract class CredentialsProvider {

    public static final Permission CREATE = null;

    public static final Permission UPDATE = null;

    private CredentialsProvider() {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
