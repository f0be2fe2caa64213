package com.cloudbees.plugins.credentials.common;

import edu.umd.cs.findbugs.annotations.NonNull;

/**
 * Surface of credentials-plugin
 * {@code src/main/java/com/cloudbees/plugins/credentials/common/StandardCredentials.java}.
 */
public interface StandardCredentials extends IdCredentials {
    @NonNull
    String getDescription();
}
