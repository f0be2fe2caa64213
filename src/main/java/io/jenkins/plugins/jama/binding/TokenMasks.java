package io.jenkins.plugins.jama.binding;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.console.ConsoleLogFilter;
import hudson.console.LineTransformationOutputStream;
import hudson.model.AbstractBuild;
import hudson.model.Run;
import hudson.remoting.Channel;
import hudson.util.Secret;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Serial;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jenkinsci.plugins.credentialsbinding.masking.SecretPatterns;
import org.jenkinsci.plugins.variant.OptionalExtension;
import org.jenkinsci.plugins.workflow.flow.FlowExecutionOwner;
import org.jenkinsci.plugins.workflow.log.TaskListenerDecorator;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Everything that keeps a build's Jama tokens out of its logs and failures. Every token a build is given, first or
 * renewed, joins the build's masks before anything else sees it; the masks live in this controller's memory with the
 * build, never on disk. Who masks what:
 *
 * <ul>
 *   <li>where the controller writes the log, every token of the build: {@link FreestyleMasks} for freestyle builds
 *       (whose steps on agents write through the controller too) and {@link PipelineMasks} for Pipeline steps;
 *   <li>on an agent, only what that agent may know: a {@code withJamaToken} block's filter carries the patterns of its
 *       own tokens (credentials-binding's filter does the same for a {@code withCredentials} block's first token),
 *       and {@link PipelineMasks} reads the mask file next to a token file that is on that agent, for tokens renewed
 *       while a step runs;
 *   <li>failures of a {@code withJamaToken} block's body: {@link #mask(Throwable, Pattern)}.
 * </ul>
 *
 * Patterns are built on the controller (SECURITY-3075: agents may not compute them) and travel as {@link Secret}s, so
 * they are encrypted wherever Pipeline stores them.
 */
@Restricted(NoExternalUse.class)
public final class TokenMasks {

    static final String MASK = "****";

    /**
     * How often a log filter on an agent looks at its mask files: at most this often, at a line. A renewed token goes
     * into its token file only later than this after its mask went into the mask file.
     */
    static final Duration MASKS_FILE_RECHECK = Duration.ofSeconds(1);

    private static final Map<Run<?, ?>, TokenMasks> BUILDS = Collections.synchronizedMap(new WeakHashMap<>());

    // guarded by this
    private final Set<String> patterns = new LinkedHashSet<>();

    @CheckForNull
    private volatile Pattern union;

    private TokenMasks() {}

    /** Masks {@code token} in every log of {@code build} the controller writes, from the next line on. */
    static void add(@NonNull Run<?, ?> build, @NonNull Secret pattern) {
        TokenMasks masks = BUILDS.computeIfAbsent(build, b -> new TokenMasks());
        synchronized (masks) {
            if (masks.patterns.add(pattern.getPlainText())) {
                masks.union = Pattern.compile(String.join("|", masks.patterns));
            }
        }
    }

    /** The plain, Base64 and shell-quoted forms of {@code token}, as credentials-binding masks a secret. */
    static @NonNull Secret patternFor(@NonNull String token) {
        return Secret.fromString(
                SecretPatterns.getAggregateSecretPattern(Set.of(token)).pattern());
    }

    /** One pattern that matches what any of {@code patterns} matches. */
    static @NonNull Pattern anyOf(@NonNull List<Secret> patterns) {
        return Pattern.compile(patterns.stream().map(Secret::getPlainText).collect(Collectors.joining("|")));
    }

    /** Every token given to the build so far, or {@code null} before the first: for a log the controller writes. */
    static @NonNull Supplier<Pattern> ofBuild(@NonNull String buildId) {
        try {
            Run<?, ?> run = Run.fromExternalizableId(buildId);
            return () -> of(run);
        } catch (RuntimeException e) {
            return () -> null; // the build is not visible to this thread
        }
    }

    private static @CheckForNull Pattern of(@CheckForNull Run<?, ?> build) {
        TokenMasks masks = build == null ? null : BUILDS.get(build);
        return masks == null ? null : masks.union;
    }

    /** Freestyle decorates the log before any token exists, so the stream asks for the build's masks on each line. */
    @Extension
    @Restricted(NoExternalUse.class)
    public static final class FreestyleMasks extends ConsoleLogFilter {

        @Override
        public OutputStream decorateLogger(Run build, OutputStream logger) {
            return build instanceof AbstractBuild<?, ?>
                    ? new MaskingStream(logger, () -> of(build), build.getCharset())
                    : logger;
        }
    }

    /**
     * Masks a Pipeline build's tokens in what its steps print, whichever way the token was bound. Where the controller
     * writes the log, that is every token of the build. Sent to an agent, it carries no token, only the paths of the
     * build's mask files: it reads the one on that agent, next to the token file a step there could print from.
     */
    @OptionalExtension(requirePlugins = "workflow-api")
    @Restricted(NoExternalUse.class)
    public static final class PipelineMasks implements TaskListenerDecorator.Factory {

        @CheckForNull
        @Override
        public TaskListenerDecorator of(@NonNull FlowExecutionOwner owner) {
            try {
                if (owner.getExecutable() instanceof Run<?, ?> run && BUILDS.containsKey(run)) {
                    return new Decorator(run.getExternalizableId(), null);
                }
            } catch (IOException e) {
                // No build to ask: nothing of ours to mask.
            }
            return null;
        }

        private static final class Decorator extends TaskListenerDecorator {

            @Serial
            private static final long serialVersionUID = 1L;

            private final String buildId;

            /** {@code null} on the controller, which looks the masks up instead. */
            @CheckForNull
            private final List<String> masksFiles;

            Decorator(String buildId, @CheckForNull List<String> masksFiles) {
                this.buildId = buildId;
                this.masksFiles = masksFiles;
            }

            @NonNull
            @Override
            public OutputStream decorate(@NonNull OutputStream logger) {
                Supplier<Pattern> masks =
                        masksFiles == null ? ofBuild(buildId) : new FileMasks(List.of(), masksFiles)::get;
                return new MaskingStream(logger, masks, StandardCharsets.UTF_8);
            }

            @Serial
            private Object writeReplace() {
                return Channel.current() == null ? this : new Decorator(buildId, TokenBlock.masksFilesOf(buildId));
            }
        }
    }

    /**
     * Replaces what the masks match with {@code ****}, line by line. Unlike credentials-binding's stream it asks for the
     * pattern on every line, so a token given later is masked from then on.
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
                    out.write(matcher.replaceAll(MASK).getBytes(charset));
                    return;
                }
            }
            out.write(b, 0, len);
        }
    }

    /**
     * The masks of a log filter on an agent: the patterns it was sent with, and those in mask files, read again whenever
     * a file changes, which it checks at the first line and then at most every {@link #MASKS_FILE_RECHECK}. A mask file
     * that is not on this agent is simply not found.
     */
    static final class FileMasks {

        private final String sent;
        private final List<Path> masksFiles;
        private final Map<Path, FileTime> seen = new HashMap<>();
        private final Map<Path, String> read = new HashMap<>();

        @CheckForNull
        private Pattern union;

        /** As if checked a full interval ago, so the first line looks at the files. */
        private long checkedAt = System.nanoTime() - MASKS_FILE_RECHECK.toNanos();

        FileMasks(@NonNull List<Secret> patterns, @NonNull List<String> masksFiles) {
            this.sent = patterns.isEmpty() ? "" : anyOf(patterns).pattern();
            this.masksFiles = masksFiles.stream().map(Path::of).toList();
            this.union = sent.isEmpty() ? null : Pattern.compile(sent);
        }

        @CheckForNull
        Pattern get() {
            long now = System.nanoTime();
            if (now - checkedAt < MASKS_FILE_RECHECK.toNanos()) {
                return union;
            }
            checkedAt = now;
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
                String all = Stream.concat(Stream.of(sent), read.values().stream())
                        .filter(text -> !text.isEmpty())
                        .collect(Collectors.joining("|"));
                union = all.isEmpty() ? null : Pattern.compile(all);
            }
            return union;
        }
    }

    /**
     * {@code failure} itself when nothing printed of it matches {@code secrets}; otherwise a copy with the secrets
     * replaced by {@code ****} (SECURITY-3499). An {@link AbortException} stays one, so that it is still printed as one
     * line without a stack trace.
     */
    static @NonNull Throwable mask(@NonNull Throwable failure, @NonNull Pattern secrets) {
        if (failure instanceof AbortException
                && failure.getCause() == null
                && failure.getSuppressed().length == 0
                && reveals(failure, secrets)) {
            AbortException masked = new AbortException(maskedMessage(failure, secrets));
            masked.setStackTrace(failure.getStackTrace());
            return masked;
        }
        return mask(failure, secrets, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static Throwable mask(Throwable failure, Pattern secrets, Set<Throwable> visited) {
        if (!visited.add(failure)) {
            return new MaskedFailure(Messages.MaskedFailure_cycle());
        }
        if (!reveals(failure, secrets)) {
            return failure;
        }
        MaskedFailure masked = new MaskedFailure(
                Messages.MaskedFailure_message(failure.getClass().getName(), maskedMessage(failure, secrets)));
        masked.setStackTrace(failure.getStackTrace());
        Throwable cause = failure.getCause();
        if (cause != null) {
            masked.initCause(mask(cause, secrets, visited));
        }
        for (Throwable suppressed : failure.getSuppressed()) {
            masked.addSuppressed(mask(suppressed, secrets, visited));
        }
        return masked;
    }

    private static String maskedMessage(Throwable failure, Pattern secrets) {
        return secrets.matcher(Objects.requireNonNullElse(failure.getMessage(), ""))
                .replaceAll(MASK);
    }

    private static boolean reveals(Throwable failure, Pattern secrets) {
        StringWriter printed = new StringWriter();
        failure.printStackTrace(new PrintWriter(printed));
        return secrets.matcher(printed.toString()).find();
    }

    /**
     * A copy of a failure whose messages had a token in them, with the token replaced by {@code ****}. The stack trace
     * is kept, and the original type is named in the message so the cause stays recognisable.
     */
    @Restricted(NoExternalUse.class)
    public static final class MaskedFailure extends Exception {

        @Serial
        private static final long serialVersionUID = 1L;

        private MaskedFailure(String message) {
            super(message);
        }
    }
}
