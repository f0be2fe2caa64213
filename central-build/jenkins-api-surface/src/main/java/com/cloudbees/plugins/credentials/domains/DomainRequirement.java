package com.cloudbees.plugins.credentials.domains;

import hudson.ExtensionPoint;
import java.io.Serializable;

/**
 * Surface of credentials-plugin
 * {@code src/main/java/com/cloudbees/plugins/credentials/domains/DomainRequirement.java}.
 */
public class DomainRequirement implements ExtensionPoint, Serializable {

    private static final long serialVersionUID = 1L;

    private DomainRequirement() {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
