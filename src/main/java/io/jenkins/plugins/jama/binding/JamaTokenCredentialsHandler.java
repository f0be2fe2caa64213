package io.jenkins.plugins.jama.binding;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import edu.umd.cs.findbugs.annotations.NonNull;
import io.jenkins.plugins.jama.credentials.JamaApiClientCredentials;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.pipeline.modeldefinition.model.CredentialsBindingHandler;
import org.jenkinsci.plugins.variant.OptionalExtension;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Declarative {@code environment { JAMA = credentials('jama-api') }}: binds {@code JAMA} to a token, {@code JAMA_URL}
 * to the site address and, where there is a workspace, {@code JAMA_FILE} to a token file that is kept renewed, through
 * {@link JamaTokenBinding}. An {@code environment} block may span the whole run, longer than a token lives: {@code JAMA}
 * is fixed when the block starts, the file always holds a valid token. Only loaded with the Declarative plugin.
 */
@OptionalExtension(requirePlugins = "pipeline-model-extensions")
@Restricted(NoExternalUse.class)
public final class JamaTokenCredentialsHandler extends CredentialsBindingHandler<JamaApiClientCredentials> {

    static final String URL_SUFFIX = "_URL";
    static final String FILE_SUFFIX = "_FILE";

    @NonNull
    @Override
    public Class<? extends StandardCredentials> type() {
        return JamaApiClientCredentials.class;
    }

    @NonNull
    @Override
    public List<Map<String, Object>> getWithCredentialsParameters(String credentialsId) {
        EnvVarResolver tokenVariable = new EnvVarResolver();
        EnvVarResolver urlVariable = new EnvVarResolver("%s" + URL_SUFFIX);
        EnvVarResolver tokenFileVariable = new EnvVarResolver("%s" + FILE_SUFFIX);
        // Mutable, serializable collections as the Declarative plugin's own handlers use: they end up in program.dat.
        Map<String, Object> binding = new HashMap<>();
        binding.put("$class", JamaTokenBinding.class.getName());
        binding.put("credentialsId", credentialsId);
        binding.put("variable", tokenVariable);
        binding.put("urlVariable", urlVariable);
        binding.put("tokenFileVariable", tokenFileVariable);
        List<Map<String, Object>> bindings = new ArrayList<>();
        bindings.add(binding);
        return bindings;
    }
}
