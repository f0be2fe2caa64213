package com.cloudbees.plugins.credentials.common;

/**
 * Surface of credentials-plugin
 * {@code src/main/java/com/cloudbees/plugins/credentials/common/StandardListBoxModel.java}.
 */
public class StandardListBoxModel
        extends AbstractIdCredentialsListBoxModel<StandardListBoxModel, StandardCredentials> {}
