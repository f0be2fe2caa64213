package org.jenkinsci.plugins.credentialsbinding;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.model.Descriptor;

/**
 * Surface of credentials-binding-plugin
 * {@code src/main/java/org/jenkinsci/plugins/credentialsbinding/BindingDescriptor.java}
 * (credentials-binding 728.v902a_273b_8947). */
public abstract class BindingDescriptor<C extends StandardCredentials> extends Descriptor<MultiBinding<C>> {

    protected abstract Class<C> type();

    public boolean requiresWorkspace() {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
