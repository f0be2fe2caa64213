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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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

    /**
     * The masks of a log filter on an agent: the patterns it was sent with, and those in the mask files of the blocks
     * whose token files are on this agent, read again whenever a file changes. A mask file that is not on this agent
     * is simply not found.
     */
    static final class FileMasks {

        private final String sent;
        private final List<Path> masksFiles;
        private final Map<Path, FileTime> seen = new HashMap<>();
        private final Map<Path, String> read = new HashMap<>();

        @CheckForNull
        private Pattern union;

        FileMasks(@NonNull List<Secret> patterns, @NonNull List<String> masksFiles) {
            this.sent = either(patterns);
            this.masksFiles = masksFiles.stream().map(Path::of).toList();
            this.union = sent.isEmpty() ? null : Pattern.compile(sent);
        }

        @CheckForNull
        Pattern get() {
            boolean changed = false;
            for (Path masksFile : masksFiles) {
                try {
                    FileTime modified = Files.getLastModifiedTime(masksFile);
                    if (!modified.equals(seen.get(masksFile))) {
                        read.put(masksFile, Files.readString(masksFile, StandardCharsets.UTF_8));
                        seen.put(masksFile, modified);
                        changed = true;
                    }
                } catch (IOException | RuntimeException e) {
                    // Not on this agent, not written yet, or gone with its block: what is known so far still applies.
                }
            }
            if (changed) {
                List<String> parts = new ArrayList<>();
                if (!sent.isEmpty()) {
                    parts.add(sent);
                }
                read.values().stream().filter(text -> !text.isEmpty()).forEach(parts::add);
                union = parts.isEmpty() ? null : Pattern.compile(String.join("|", parts));
            }
            return union;
        }
    }
}
