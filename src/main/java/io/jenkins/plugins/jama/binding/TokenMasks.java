package io.jenkins.plugins.jama.binding;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.console.LineTransformationOutputStream;
import hudson.model.InvisibleAction;
import hudson.model.Run;
import hudson.util.Secret;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jenkinsci.plugins.credentialsbinding.masking.SecretPatterns;

/**
 * The masks of every token bound in one build, kept with that build: a token bound in one parallel branch is masked
 * in the others too, and the freestyle wrapper finds the mask its log filter was created before. Transient, so
 * nothing of it reaches {@code build.xml}: after a restart each Pipeline block's filter adds its own mask again.
 */
final class TokenMasks extends InvisibleAction {

    /** Null after the build was loaded from disk, where XStream leaves transient fields unset. */
    @CheckForNull
    private transient Set<String> patterns;

    @CheckForNull
    private transient volatile Pattern union;

    /**
     * Built on the controller (SECURITY-3075: agents may not compute it) and kept as a {@link Secret}, so that the
     * pattern, which contains the token, is encrypted wherever Pipeline stores it.
     */
    static @NonNull Secret patternFor(@NonNull String token) {
        return Secret.fromString(
                SecretPatterns.getAggregateSecretPattern(Set.of(token)).pattern());
    }

    static @NonNull Pattern compile(@NonNull Secret pattern) {
        return Pattern.compile(pattern.getPlainText());
    }

    /** One pattern that matches what any of {@code patterns} matches. */
    static @NonNull String either(@NonNull List<Secret> patterns) {
        List<String> texts = new ArrayList<>();
        for (Secret pattern : patterns) {
            texts.add(pattern.getPlainText());
        }
        return String.join("|", texts);
    }

    /** The masks of {@code build}, created on first use. */
    static @NonNull TokenMasks of(@NonNull Run<?, ?> build) {
        synchronized (build) {
            TokenMasks masks = build.getAction(TokenMasks.class);
            if (masks == null) {
                masks = new TokenMasks();
                build.addAction(masks);
            }
            return masks;
        }
    }

    /** Every token bound in {@code build} so far, or {@code null} before the first. */
    static @CheckForNull Pattern unionOf(@NonNull Run<?, ?> build) {
        TokenMasks masks = build.getAction(TokenMasks.class);
        return masks == null ? null : masks.union();
    }

    synchronized void add(@NonNull Secret pattern) {
        if (patterns == null) {
            patterns = new LinkedHashSet<>();
        }
        if (patterns.add(pattern.getPlainText())) {
            union = Pattern.compile(String.join("|", patterns));
        }
    }

    @CheckForNull
    Pattern union() {
        return union;
    }

    /**
     * Replaces what {@code masks} matches with {@code ****}, line by line. Unlike credentials-binding's stream it asks
     * for the pattern on every line, so a token bound later in the build is masked from then on.
     */
    static final class MaskingStream extends LineTransformationOutputStream.Delegating {

        private final Supplier<Pattern> masks;
        private final Charset charset;

        MaskingStream(@NonNull OutputStream out, @NonNull Supplier<Pattern> masks, @NonNull Charset charset) {
            super(out);
            this.masks = masks;
            this.charset = charset;
        }

        @Override
        protected void eol(byte[] b, int len) throws IOException {
            Pattern pattern = masks.get();
            if (pattern != null) {
                Matcher matcher = pattern.matcher(new String(b, 0, len, charset));
                if (matcher.find()) {
                    out.write(matcher.replaceAll("****").getBytes(charset));
                    return;
                }
            }
            out.write(b, 0, len);
        }
    }
}
