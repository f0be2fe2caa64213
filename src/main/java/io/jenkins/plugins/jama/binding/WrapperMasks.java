package io.jenkins.plugins.jama.binding;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.console.ConsoleLogFilter;
import hudson.model.AbstractBuild;
import hudson.model.Run;
import hudson.util.Secret;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jenkinsci.plugins.credentialsbinding.masking.SecretPatterns;

/**
 * Freestyle decorates the build log when the build starts, before any wrapper's setUp has minted the token, so the
 * wrapper's filter looks its pattern up here, by build, when lines are written (as credentials-binding's
 * SecretBuildWrapper does).
 */
final class WrapperMasks {

    private static final Map<String, Secret> PATTERNS = new ConcurrentHashMap<>();

    private WrapperMasks() {}

    static void register(@NonNull Run<?, ?> build, @NonNull Secret pattern) {
        PATTERNS.put(build.getExternalizableId(), pattern);
    }

    /**
     * In freestyle nothing is registered yet and the filter waits for setUp; Pipeline's {@code wrap} step asks after
     * setUp, so that filter carries the pattern itself and can be sent to an agent.
     */
    static @NonNull ConsoleLogFilter filterFor(@NonNull Run<?, ?> build) {
        String buildId = build.getExternalizableId();
        Secret known = PATTERNS.remove(buildId);
        if (known != null) {
            return new TokenMaskingFilter(known, build.getCharset().name());
        }
        return new LazyFilter(buildId, build.getCharset().name());
    }

    static @CheckForNull Pattern patternFor(@NonNull String buildId) {
        Secret pattern = PATTERNS.get(buildId);
        return pattern == null ? null : TokenMasks.compile(pattern);
    }

    private static final class LazyFilter extends ConsoleLogFilter implements Serializable {

        private static final long serialVersionUID = 1L;

        private final String buildId;
        private final String charsetName;

        LazyFilter(String buildId, String charsetName) {
            this.buildId = buildId;
            this.charsetName = charsetName;
        }

        @SuppressWarnings("rawtypes") // inherited
        @Override
        public OutputStream decorateLogger(AbstractBuild build, OutputStream logger) {
            return new ForgettingMaskingStream(logger, buildId, charsetName);
        }
    }

    /** Masking asks for the pattern line by line until there is one; the build's entry goes with its log. */
    private static final class ForgettingMaskingStream extends SecretPatterns.MaskingOutputStream {

        private final String buildId;

        ForgettingMaskingStream(OutputStream out, String buildId, String charsetName) {
            super(out, () -> patternFor(buildId), charsetName);
            this.buildId = buildId;
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                PATTERNS.remove(buildId);
            }
        }
    }
}
