package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.Credentials;
import edu.umd.cs.findbugs.annotations.NonNull;

/** Surface of credentials-plugin {@code src/main/java/com/cloudbees/plugins/credentials/common/IdCredentials.java}. */
public interface IdCredentials extends Credentials {
    @NonNull
    String getId();
}
