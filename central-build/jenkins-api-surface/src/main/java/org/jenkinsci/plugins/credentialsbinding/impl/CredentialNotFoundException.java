package org.jenkinsci.plugins.credentialsbinding.impl;

import hudson.AbortException;

/**
 * Surface of credentials-binding-plugin
 * {@code src/main/java/org/jenkinsci/plugins/credentialsbinding/impl/CredentialNotFoundException.java}
 * (credentials-binding 728.v902a_273b_8947). */
public class CredentialNotFoundException extends AbortException {

    private static final long serialVersionUID = 1L;

    public CredentialNotFoundException(String message) {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
