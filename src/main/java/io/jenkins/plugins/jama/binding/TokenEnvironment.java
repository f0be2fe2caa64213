package io.jenkins.plugins.jama.binding;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.util.Secret;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;

/**
 * Adds the token and the site address to the environment of a block. The token is declared sensitive, so Pipeline
 * warns when it is interpolated by Groovy and hides it in step arguments; the address is not a secret.
 */
final class TokenEnvironment extends EnvironmentExpander {

    private static final long serialVersionUID = 1L;

    private final String tokenVariable;
    private final Secret token;
    private final String urlVariable;
    private final String url;

    TokenEnvironment(
            @NonNull String tokenVariable, @NonNull Secret token, @NonNull String urlVariable, @NonNull String url) {
        this.tokenVariable = tokenVariable;
        this.token = token;
        this.urlVariable = urlVariable;
        this.url = url;
    }

    @Override
    public void expand(@NonNull EnvVars env) {
        env.override(tokenVariable, token.getPlainText());
        env.override(urlVariable, url);
    }

    @NonNull
    @Override
    public Set<String> getSensitiveVariables() {
        return Set.of(tokenVariable);
    }
}
