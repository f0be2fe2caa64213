package io.jenkins.plugins.jama.binding;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import hudson.slaves.WorkspaceList;
import hudson.util.Secret;
import io.jenkins.plugins.jama.JamaTokens;
import io.jenkins.plugins.jama.client.AccessToken;
import io.jenkins.plugins.jama.client.JamaException;
import io.jenkins.plugins.jama.client.TokenRenewal;
import io.jenkins.plugins.jama.credentials.JamaApiClientCredentials;
import java.io.File;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.MasterToSlaveFileCallable;
import jenkins.util.Timer;

/**
 * Keeps the token of one running block valid: the Jenkins timer renews it through {@link TokenRenewal} ahead of its
 * expiry and hands each new token to the block: the build's masks first, then the token file on the agent (when the
 * block has one), the build's {@link JamaAuditAction}, and the environment of every step the block starts from then
 * on. A failed renewal is written to the build log once per outage; the block keeps its token while it is valid, and
 * renewal is retried. Lives as long as the block, in this controller's memory only.
 *
 * <p>The token file is in a folder of its own that only the agent's user can enter ({@link #newTokenFolder}). It is
 * replaced atomically: a new file, readable by its owner only, is written next to it and renamed over it, so a reader
 * sees the old token or the new one, never a part. Next to it a mask file holds the masking pattern of every token
 * the block held, for the log filter of a step that was already running on the agent when the token changed (see
 * {@code TokenMasks.FileMasks}).
 */
final class RenewingToken {

    private static final Logger LOGGER = Logger.getLogger(RenewingToken.class.getName());

    /** What the timer renews, by block. */
    private static final Map<String, RenewingToken> RUNNING = new ConcurrentHashMap<>();

    private final String blockId;
    private final String credentialsId;
    private final Run<?, ?> run;
    private final TaskListener listener;
    private final TokenRenewal renewal;

    @CheckForNull
    private final FilePath tokenFolder;

    /** The masking pattern of every token the block held, oldest first. Replaced whole, never changed. */
    private volatile List<Secret> patterns;

    // guarded by this
    private int renewals;

    // guarded by this
    private int failures;

    // guarded by this
    @CheckForNull
    private ScheduledFuture<?> next;

    // guarded by this
    private boolean stopped;

    private RenewingToken(
            String blockId,
            String credentialsId,
            Run<?, ?> run,
            TaskListener listener,
            TokenRenewal renewal,
            @CheckForNull FilePath tokenFolder) {
        this.blockId = blockId;
        this.credentialsId = credentialsId;
        this.run = run;
        this.listener = listener;
        this.renewal = renewal;
        this.tokenFolder = tokenFolder;
        List<Secret> held = new ArrayList<>();
        for (AccessToken token : renewal.all()) {
            held.add(TokenMasks.patternFor(token.value()));
        }
        this.patterns = List.copyOf(held);
    }

    /**
     * Starts renewing the token of a block and writes its token file, when it has one.
     *
     * @param tokenFolder from {@link #newTokenFolder}, where the block's steps read the current token; {@code null}
     *     for no token file
     */
    static @NonNull RenewingToken start(
            @NonNull String blockId,
            @NonNull String credentialsId,
            @NonNull Run<?, ?> run,
            @NonNull TaskListener listener,
            @NonNull TokenRenewal renewal,
            @CheckForNull FilePath tokenFolder)
            throws IOException, InterruptedException {
        RenewingToken renewing = new RenewingToken(blockId, credentialsId, run, listener, renewal, tokenFolder);
        for (Secret pattern : renewing.patterns) {
            TokenMasks.of(run).add(pattern);
        }
        renewing.writeTokenFile();
        RenewingToken previous;
        synchronized (RUNNING) {
            previous = RUNNING.put(blockId, renewing);
            RUNNING.notifyAll();
        }
        if (previous != null) {
            previous.cancel();
        }
        renewing.scheduleNext();
        return renewing;
    }

    /** The mask files of the running blocks of {@code run} that have a token file, as paths on their agents. */
    static @NonNull List<String> masksFilesOf(@NonNull Run<?, ?> run) {
        List<String> paths = new ArrayList<>();
        for (RenewingToken renewing : RUNNING.values()) {
            if (renewing.run == run && renewing.tokenFolder != null) {
                paths.add(masksFileIn(renewing.tokenFolder).getRemote());
            }
        }
        return paths;
    }

    /** The renewal of a running block, or {@code null} when the block is not running on this controller. */
    static @CheckForNull RenewingToken running(@NonNull String blockId) {
        return RUNNING.get(blockId);
    }

    /** For tests: waits until the block's renewal runs on this controller. */
    static @NonNull RenewingToken awaitRunning(@NonNull String blockId) throws InterruptedException {
        return awaitRunning(blockId, null);
    }

    /** For tests: waits until no renewal of the block runs on this controller. */
    static void awaitGone(@NonNull String blockId) throws InterruptedException {
        synchronized (RUNNING) {
            awaitUntil(RUNNING, () -> !RUNNING.containsKey(blockId), "end of the renewal of block " + blockId);
        }
    }

    /**
     * For tests: waits until the block's renewal runs on this controller, started by another than {@code stale}: a
     * test that restarts Jenkins in the same JVM waits for the renewal the restart starts again.
     */
    static @NonNull RenewingToken awaitRunning(@NonNull String blockId, @CheckForNull RenewingToken stale)
            throws InterruptedException {
        synchronized (RUNNING) {
            awaitUntil(
                    RUNNING,
                    () -> RUNNING.get(blockId) != null && RUNNING.get(blockId) != stale,
                    "start of the renewal of block " + blockId);
            return RUNNING.get(blockId);
        }
    }

    /**
     * Makes the folder for the token file of a block in {@code workspace}: in the workspace's temporary folder, outside
     * the checkout, and accessible to its owner only. It is closed while still empty, so no other user can hold it
     * open from before; the files inside can then be written and renamed freely.
     */
    static @NonNull FilePath newTokenFolder(@NonNull FilePath workspace) throws IOException, InterruptedException {
        FilePath temp = WorkspaceList.tempDir(workspace);
        if (temp == null) {
            throw new IOException("No temporary folder next to the workspace " + workspace.getRemote());
        }
        FilePath folder = temp.child("jama-" + UUID.randomUUID());
        folder.mkdirs();
        folder.chmod(0700);
        return folder;
    }

    /** The file in a block's token folder that always holds its current token. */
    static @NonNull FilePath tokenFileIn(@NonNull FilePath tokenFolder) {
        return tokenFolder.child("token");
    }

    /** The file in a block's token folder that holds the masking pattern of every token the block held. */
    static @NonNull FilePath masksFileIn(@NonNull FilePath tokenFolder) {
        return tokenFolder.child("masks");
    }

    @NonNull
    AccessToken current() {
        return renewal.current();
    }

    /** The masking pattern of every token the block held so far. */
    @NonNull
    List<Secret> patterns() {
        return patterns;
    }

    /** For tests: waits until the block has renewed its token {@code count} times. */
    synchronized void awaitRenewals(int count) throws InterruptedException {
        awaitUntil(this, () -> renewals >= count, count + " renewals");
    }

    /** For tests: waits until {@code count} renewal attempts have failed. */
    synchronized void awaitFailures(int count) throws InterruptedException {
        awaitUntil(this, () -> failures >= count, count + " failed renewals");
    }

    /**
     * Waits on {@code monitor}, which the caller holds and whose changes are notified, until {@code done}. Gives up
     * after two minutes, so that a test of a broken renewal fails instead of hanging.
     */
    private static void awaitUntil(Object monitor, BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!done.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException("No " + what + " within two minutes");
            }
            TimeUnit.NANOSECONDS.timedWait(monitor, left);
        }
    }

    /** Ends renewal and deletes the token file: the block is over, however it ended. */
    void stop() throws IOException, InterruptedException {
        cancel();
        synchronized (RUNNING) {
            RUNNING.remove(blockId, this);
            RUNNING.notifyAll();
        }
        if (tokenFolder != null) {
            tokenFolder.deleteRecursive();
        }
    }

    private synchronized void cancel() {
        stopped = true;
        if (next != null) {
            next.cancel(false);
        }
    }

    private synchronized void scheduleNext() {
        if (stopped) {
            return;
        }
        next = Timer.get().schedule(this::renewIfDue, millisUntilNextAttempt(), TimeUnit.MILLISECONDS);
    }

    private long millisUntilNextAttempt() {
        return Math.max(
                0, Duration.between(Instant.now(), renewal.nextAttemptAt()).toMillis());
    }

    private void renewIfDue() {
        try {
            if (!run.isBuilding()) {
                // The build ended without ending the block (a hard kill): nothing will stop this renewal but itself.
                stop();
                return;
            }
            TokenRenewal.Outcome outcome = renewal.renewIfDue();
            switch (outcome.kind()) {
                case RENEWED -> deliver(outcome);
                case FAILED -> {
                    JamaException failure = outcome.failure();
                    if (outcome.reportable() && failure != null) {
                        listener.getLogger()
                                .println(Messages.RenewingToken_failed(
                                        credentialsId, failure.getMessage(), validUntil(outcome.token())));
                    }
                    synchronized (this) {
                        failures++;
                        notifyAll();
                    }
                }
                case KEPT -> {
                    // Not due yet, or no token that outlives the current one: try again when the schedule says.
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (IOException | RuntimeException e) {
            // The agent may be gone; the block ends soon, or the next renewal writes the file again.
            LOGGER.log(Level.WARNING, "Could not hand the renewed Jama token to block " + blockId + " of " + run, e);
        }
        scheduleNext();
    }

    /** Masks before anything else sees the token, then the file, the record and the log line. */
    private void deliver(TokenRenewal.Outcome outcome) throws IOException, InterruptedException {
        Secret pattern = TokenMasks.patternFor(outcome.token().value());
        TokenMasks.of(run).add(pattern);
        List<Secret> held = new ArrayList<>(patterns);
        held.add(pattern);
        patterns = List.copyOf(held);
        writeTokenFile();
        JamaAuditAction.renewed(run, blockId, outcome.token().expiresAt());
        listener.getLogger()
                .println(
                        outcome.minted()
                                ? Messages.RenewingToken_minted(credentialsId, validUntil(outcome.token()))
                                : Messages.RenewingToken_reused(credentialsId, validUntil(outcome.token())));
        synchronized (this) {
            renewals++;
            notifyAll();
        }
    }

    private void writeTokenFile() throws IOException, InterruptedException {
        if (tokenFolder == null) {
            return;
        }
        // The masks first: a step that reads the new token from the file can only print it once its mask is there.
        replace(tokenFolder, masksFileIn(tokenFolder), TokenMasks.either(patterns));
        replace(tokenFolder, tokenFileIn(tokenFolder), current().value());
    }

    private static void replace(FilePath folder, FilePath target, String content)
            throws IOException, InterruptedException {
        folder.act(new ReplaceFile(target.getName(), content));
    }

    /**
     * Replaces a file of the token folder on the agent in one step: the new content goes to a file of its own, created
     * readable by its owner only, which is then renamed over the old one.
     */
    private static final class ReplaceFile extends MasterToSlaveFileCallable<Void> {

        private static final long serialVersionUID = 1L;

        private final String name;
        private final String content;

        ReplaceFile(String name, String content) {
            this.name = name;
            this.content = content;
        }

        @Override
        public Void invoke(File folder, VirtualChannel channel) throws IOException {
            Path fresh = Files.createTempFile(folder.toPath(), name, ".new");
            Files.writeString(fresh, content, StandardCharsets.UTF_8);
            Files.move(
                    fresh,
                    folder.toPath().resolve(name),
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            return null;
        }
    }

    private static String validUntil(AccessToken token) {
        return token.expiresAt().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /**
     * What a block's renewal starts from, and starts again from after a controller restart: the block's first token
     * (as a {@link Secret}, so Pipeline stores it encrypted), its times, the credential and the token folder. Kept by
     * the block's step execution or unbinder, in {@code program.dat}.
     */
    static final class Seed implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;

        private final String blockId;
        private final String credentialsId;
        private final long minValidityMillis;
        private final Secret firstToken;
        private final long firstIssuedAt;
        private final long firstExpiresAt;

        @CheckForNull
        private final FilePath tokenFolder;

        Seed(
                @NonNull TokenBinder.BoundToken bound,
                @NonNull String credentialsId,
                @NonNull Duration minValidity,
                @CheckForNull FilePath tokenFolder) {
            this.blockId = bound.blockId();
            this.credentialsId = credentialsId;
            this.minValidityMillis = minValidity.toMillis();
            this.firstToken = Secret.fromString(bound.token());
            this.firstIssuedAt = bound.issuedAt().toEpochMilli();
            this.firstExpiresAt = bound.accessToken().expiresAt().toEpochMilli();
            this.tokenFolder = tokenFolder;
        }

        /** Starts renewing, on the schedule of the block's first token: at once when that is due. */
        @NonNull
        RenewingToken start(
                @NonNull Run<?, ?> run, @NonNull TaskListener listener, @NonNull JamaApiClientCredentials credentials)
                throws IOException, InterruptedException {
            TokenRenewal renewal;
            try {
                renewal = JamaTokens.renewal(
                        credentials,
                        Duration.ofMillis(minValidityMillis),
                        new AccessToken(firstToken.getPlainText(), Instant.ofEpochMilli(firstExpiresAt)),
                        Instant.ofEpochMilli(firstIssuedAt));
            } catch (JamaException e) {
                throw new AbortException(Messages.TokenBinder_failed(credentialsId, e.getMessage()));
            }
            return RenewingToken.start(blockId, credentialsId, run, listener, renewal, tokenFolder);
        }

        /**
         * After a controller restart, where the timer's renewals were lost: starts them again, off the thread that
         * loads the Pipeline, looking the credential up as the build may.
         */
        void resume(@NonNull Callable<Run<?, ?>> run, @NonNull Callable<TaskListener> listener) {
            Timer.get().submit(() -> {
                try {
                    Run<?, ?> build = run.call();
                    if (build != null) {
                        start(build, listener.call(), TokenBinder.find(build, credentialsId));
                    }
                } catch (Exception e) {
                    LOGGER.log(Level.WARNING, "Could not resume renewing the Jama token of " + credentialsId, e);
                }
            });
        }

        /** The block is over, however it ended: renewal stops and the token file goes. */
        void stop() throws IOException, InterruptedException {
            RenewingToken renewing = RenewingToken.running(blockId);
            if (renewing != null) {
                renewing.stop();
            } else if (tokenFolder != null) {
                tokenFolder.deleteRecursive();
            }
        }
    }
}
