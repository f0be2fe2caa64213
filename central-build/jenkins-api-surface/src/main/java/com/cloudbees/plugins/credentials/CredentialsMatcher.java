package com.cloudbees.plugins.credentials;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

/** Surface of credentials-plugin {@code src/main/java/com/cloudbees/plugins/credentials/CredentialsMatcher.java}. */
public interface CredentialsMatcher extends Serializable {
    boolean matches(@NonNull Credentials item);
}
