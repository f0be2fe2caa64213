package com.cloudbees.plugins.credentials;

import edu.umd.cs.findbugs.annotations.NonNull;

/**
 * Surface of credentials-plugin {@code src/main/java/com/cloudbees/plugins/credentials/CredentialsNameProvider.java}.
 */
public abstract class CredentialsNameProvider<C extends Credentials> {

    @NonNull
    public abstract String getName(@NonNull C credentials);
}
