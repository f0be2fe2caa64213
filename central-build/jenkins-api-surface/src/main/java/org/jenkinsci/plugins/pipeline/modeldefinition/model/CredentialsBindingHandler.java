package org.jenkinsci.plugins.pipeline.modeldefinition.model;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ExtensionPoint;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Surface of pipeline-model-definition-plugin
 * {@code pipeline-model-extensions/src/main/java/org/jenkinsci/plugins/pipeline/modeldefinition/model/CredentialsBindingHandler.java}
 * (HEAD 42c9dc3e).
 */
public abstract class CredentialsBindingHandler<C extends StandardCredentials> implements ExtensionPoint {

    @NonNull
    public abstract Class<? extends StandardCredentials> type();

    @NonNull
    public abstract List<Map<String, Object>> getWithCredentialsParameters(String credentialsId);

    public static class EnvVarResolver implements Serializable {

        private static final long serialVersionUID = 1L;

        public EnvVarResolver() {
            throw new UnsupportedOperationException("compile-only surface");
        }

        public EnvVarResolver(String value) {
            throw new UnsupportedOperationException("compile-only surface");
        }
    }
}
