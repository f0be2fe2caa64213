package com.cloudbees.plugins.credentials;

/** Surface of credentials-plugin {@code src/main/java/com/cloudbees/plugins/credentials/CredentialsScope.java}. */
public enum CredentialsScope {
    SYSTEM,
    GLOBAL,
    USER
}
