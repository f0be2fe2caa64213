package org.jenkinsci.plugins.credentialsbinding;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.ExtensionPoint;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;
import java.io.Serializable;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.credentialsbinding.impl.CredentialNotFoundException;

/**
 * Surface of credentials-binding-plugin {@code src/main/java/org/jenkinsci/plugins/credentialsbinding/MultiBinding.java}
 * (credentials-binding 728.v902a_273b_8947). */
public abstract class MultiBinding<C extends StandardCredentials> extends AbstractDescribableImpl<MultiBinding<C>>
        implements ExtensionPoint {

    protected MultiBinding(String credentialsId) {
        throw new UnsupportedOperationException("compile-only surface");
    }

    protected abstract Class<C> type();

    public final String getCredentialsId() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public static final class MultiEnvironment implements Serializable {

        private static final long serialVersionUID = 1;

        public MultiEnvironment(Map<String, String> secretValues, Map<String, String> publicValues) {
            throw new UnsupportedOperationException("compile-only surface");
        }

        public MultiEnvironment(Map<String, String> secretValues, Map<String, String> publicValues, Unbinder unbinder) {
            throw new UnsupportedOperationException("compile-only surface");
        }

        public Map<String, String> getSecretValues() {
            throw new UnsupportedOperationException("compile-only surface");
        }

        public Map<String, String> getPublicValues() {
            throw new UnsupportedOperationException("compile-only surface");
        }
    }

    public interface Unbinder extends Serializable {
        void unbind(
                @NonNull Run<?, ?> build,
                @Nullable FilePath workspace,
                @Nullable Launcher launcher,
                @NonNull TaskListener listener)
                throws IOException, InterruptedException;
    }

    public abstract MultiEnvironment bind(
            @NonNull Run<?, ?> build,
            @Nullable FilePath workspace,
            @Nullable Launcher launcher,
            @NonNull TaskListener listener)
            throws IOException, InterruptedException;

    public Set<String> variables(@NonNull Run<?, ?> build) throws CredentialNotFoundException {
        throw new UnsupportedOperationException("compile-only surface");
    }

    @Override
    public BindingDescriptor<C> getDescriptor() {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
