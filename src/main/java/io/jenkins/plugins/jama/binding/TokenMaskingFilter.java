package io.jenkins.plugins.jama.binding;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.console.ConsoleLogFilter;
import hudson.model.AbstractBuild;
import hudson.util.Secret;
import java.io.OutputStream;
import java.io.Serializable;
import org.jenkinsci.plugins.credentialsbinding.masking.SecretPatterns;

/**
 * Masks a token in the log of a Pipeline block. It may be sent to an agent with {@code sh}, so it carries the
 * pattern computed on the controller rather than computing one where it runs.
 */
final class TokenMaskingFilter extends ConsoleLogFilter implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Secret pattern;
    private final String charsetName;

    TokenMaskingFilter(@NonNull Secret pattern, @NonNull String charsetName) {
        this.pattern = pattern;
        this.charsetName = charsetName;
    }

    @SuppressWarnings("rawtypes") // Pipeline calls this overload, with no build
    @Override
    public OutputStream decorateLogger(AbstractBuild ignored, OutputStream logger) {
        return new SecretPatterns.MaskingOutputStream(logger, () -> TokenMasks.compile(pattern), charsetName);
    }
}
