package io.jenkins.plugins.jama.binding;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.console.ConsoleLogFilter;
import hudson.model.AbstractBuild;
import hudson.model.Run;
import hudson.remoting.Channel;
import hudson.util.Secret;
import java.io.OutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.util.regex.Pattern;

/**
 * Masks, in the log of a Pipeline block, the block's token and, where the controller writes the log, every other
 * token bound in the build so far (see {@link TokenMasks}). Sent to an agent with {@code sh}, it carries only the
 * block's own pattern, computed on the controller: an agent never receives a token its steps were not given.
 */
final class TokenMaskingFilter extends ConsoleLogFilter implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final Secret pattern;
    private final String charsetName;

    /** {@code null} on an agent, where only {@link #pattern} is known. */
    @CheckForNull
    private final String buildId;

    @CheckForNull
    private transient Run<?, ?> build;

    TokenMaskingFilter(@NonNull Secret pattern, @NonNull Run<?, ?> build) {
        this(pattern, build.getCharset().name(), build.getExternalizableId());
        this.build = build;
    }

    private TokenMaskingFilter(Secret pattern, String charsetName, @CheckForNull String buildId) {
        this.pattern = pattern;
        this.charsetName = charsetName;
        this.buildId = buildId;
    }

    @SuppressWarnings("rawtypes") // Pipeline calls this overload, with no build
    @Override
    public OutputStream decorateLogger(AbstractBuild ignored, OutputStream logger) {
        Charset charset = Charset.forName(charsetName);
        Run<?, ?> run = build();
        if (run == null) {
            Pattern own = TokenMasks.compile(pattern);
            return new TokenMasks.MaskingStream(logger, () -> own, charset);
        }
        TokenMasks masks = TokenMasks.of(run);
        masks.add(pattern); // again after a restart, when the build's masks start empty
        return new TokenMasks.MaskingStream(logger, masks::union, charset);
    }

    /** To an agent goes only the block's own pattern: the agent cannot look up the build. */
    @Serial
    private Object writeReplace() {
        return Channel.current() == null ? this : new TokenMaskingFilter(pattern, charsetName, null);
    }

    @CheckForNull
    private Run<?, ?> build() {
        if (build == null && buildId != null) {
            try {
                build = Run.fromExternalizableId(buildId);
            } catch (RuntimeException e) {
                return null; // not visible to this thread: the block's own token is still masked
            }
        }
        return build;
    }
}
