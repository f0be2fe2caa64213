package io.jenkins.plugins.jama.binding;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import hudson.slaves.WorkspaceList;
import hudson.util.Secret;
import io.jenkins.plugins.jama.JamaConnect;
import io.jenkins.plugins.jama.client.AccessToken;
import io.jenkins.plugins.jama.client.JamaException;
import io.jenkins.plugins.jama.client.JamaUser;
import io.jenkins.plugins.jama.client.ObtainedToken;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import jenkins.MasterToSlaveFileCallable;
import jenkins.util.Timer;

/**
 * One block of a build that holds a Jama token, whichever way it was opened: the {@code withJamaToken} step, the
 * {@code jamaToken} binding (Pipeline, Declarative {@code credentials()} and freestyle) or the freestyle wrapper.
 * Opening it finds the credential as the build may, gets a token from the controller-wide cache, says so in one line
 * and in the build's {@link JamaAuditAction}, and adds the token to the build's {@link TokenMasks}.
 *
 * <p>While a renewing block runs, the Jenkins timer renews its token through {@link TokenRenewal} ahead of expiry and
 * hands each new one on: to the build's masks first, then the mask and token files on the agent (when the block has a
 * token file), the audit record, the log, and every step the block starts from then on. A failed renewal is logged
 * once per outage; the block keeps its token while it is valid. The renewal lives in this controller's memory.
 *
 * <p>The token file is in a folder of its own that only the agent's user can enter, and is replaced atomically: a
 * new file, readable by its owner only, is renamed over it. Next to it, a mask file holds the patterns of every token
 * of the block, for the log filter of a step that was running on the agent when the token changed.
 *
 * <p>The object itself is what a block restarts from after a controller restart, kept in {@code program.dat} by the
 * step's execution or the binding's unbinder: the first token as a {@link Secret}, so Pipeline stores it encrypted.
 */
final class TokenBlock implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private static final Logger LOGGER = Logger.getLogger(TokenBlock.class.getName());

    /** What the timer renews, by block. */
    private static final Map<String, Renewal> RUNNING = new ConcurrentHashMap<>();

    private final String blockId;
    private final String credentialsId;
    private final String baseUrl;
    private final String binding;
    private final long minValidityMillis;
    private final Secret firstToken;
    private final long firstIssuedAt;
    private final long firstExpiresAt;
    private final String buildId;
    private final boolean renews;

    @CheckForNull
    private final FilePath tokenFolder;

    private TokenBlock(
            String credentialsId,
            String baseUrl,
            String binding,
            Duration minValidity,
            ObtainedToken obtained,
            Run<?, ?> run,
            @CheckForNull FilePath tokenFolder,
            boolean renews) {
        this.blockId = UUID.randomUUID().toString();
        this.credentialsId = credentialsId;
        this.baseUrl = baseUrl;
        this.binding = binding;
        this.minValidityMillis = minValidity.toMillis();
        this.firstToken = Secret.fromString(obtained.token().value());
        this.firstIssuedAt = obtained.issuedAt().toEpochMilli();
        this.firstExpiresAt = obtained.token().expiresAt().toEpochMilli();
        this.buildId = run.getExternalizableId();
        this.tokenFolder = tokenFolder;
        this.renews = renews || tokenFolder != null;
    }

    /**
     * Binds a token for a block. Runs on the controller, never on the CPS thread: it may call Jama.
     *
     * @param binding the Pipeline symbol of what asks, for the audit record
     * @param workspace where the token file goes; {@code null} for no token file
     * @param renews whether to keep the token renewed while the block runs, as a block with a token file must
     * @throws AbortException with a message that says what to fix, for every failure the user can act on
     */
    static @NonNull TokenBlock open(
            @NonNull Run<?, ?> run,
            @NonNull TaskListener listener,
            @NonNull String credentialsId,
            @NonNull Duration minValidity,
            @NonNull String binding,
            @CheckForNull FilePath workspace,
            boolean renews)
            throws IOException, InterruptedException {
        JamaApiClientCredentials credentials = find(run, credentialsId);
        String baseUrl;
        ObtainedToken obtained;
        try {
            baseUrl = JamaConnect.toClientCredentials(credentials).baseUrl().toString();
            obtained = JamaConnect.obtain(credentials, minValidity);
        } catch (JamaException e) {
            LOGGER.log(
                    Level.FINE, "No Jama token for credentials {0}: {1}", new Object[] {credentialsId, e.getReason()});
            throw new AbortException(Messages.TokenBlock_failed(credentialsId, e.getMessage()));
        }
        Secret pattern = TokenMasks.patternFor(obtained.token().value());
        TokenMasks.add(run, pattern);
        listener.getLogger().println(describe(credentialsId, baseUrl, obtained, minValidity, Instant.now()));
        FilePath tokenFolder = workspace == null ? null : newTokenFolder(workspace);
        TokenBlock block =
                new TokenBlock(credentialsId, baseUrl, binding, minValidity, obtained, run, tokenFolder, renews);
        JamaAuditAction.record(run, credentialsId, baseUrl, binding, obtained, false);
        if (block.renews) {
            block.startRenewal(run, listener, credentials, pattern);
        }
        return block;
    }

    /**
     * Looks the credential up with the build's authentication (folder stores and credentials parameters included)
     * and records its use; a miss is looked up again without the type only to tell "wrong type" from "not found".
     */
    static @NonNull JamaApiClientCredentials find(@NonNull Run<?, ?> run, @NonNull String credentialsId)
            throws AbortException {
        if (credentialsId.isBlank()) {
            throw new AbortException(Messages.TokenBlock_noCredentialsId());
        }
        JamaApiClientCredentials credentials =
                CredentialsProvider.findCredentialById(credentialsId, JamaApiClientCredentials.class, run);
        if (credentials == null) {
            IdCredentials other = CredentialsProvider.findCredentialById(credentialsId, IdCredentials.class, run);
            if (other != null) {
                throw new AbortException(Messages.TokenBlock_wrongType(
                        credentialsId, other.getDescriptor().getDisplayName()));
            }
            throw new AbortException(Messages.TokenBlock_notFound(credentialsId));
        }
        CredentialsProvider.track(run, credentials);
        return credentials;
    }

    /**
     * The one line a build prints when it binds a token: which credential and site, for which Jama user, minted or
     * reused, until when. Never the token or the client secret.
     *
     * @param asked the minimum validity the block asked for, named when Jama's tokens live shorter
     */
    static @NonNull String describe(
            @NonNull String credentialsId,
            @NonNull String baseUrl,
            @NonNull ObtainedToken obtained,
            @NonNull Duration asked,
            @NonNull Instant now) {
        String validUntil = validUntil(obtained.token());
        String left = lifetime(obtained.token().remainingAt(now));
        JamaUser user = obtained.user();
        String userName = user == null ? Messages.TokenBlock_unknownUser() : user.username();
        StringBuilder line = new StringBuilder(
                obtained.reused()
                        ? Messages.TokenBlock_reused(credentialsId, baseUrl, validUntil, left, userName)
                        : Messages.TokenBlock_minted(credentialsId, baseUrl, validUntil, left, userName));
        JamaException userUnknown = obtained.userUnknown();
        if (userUnknown != null) {
            line.append(' ').append(Messages.TokenBlock_userUnknown(userUnknown.getMessage()));
        }
        Duration shortLifetime = obtained.shortLifetime();
        if (shortLifetime != null) {
            long atMost = Math.max(1, shortLifetime.toMinutes());
            line.append(' ')
                    .append(Messages.TokenBlock_shortLifetime(
                            lifetime(shortLifetime), String.valueOf(asked.toMinutes()), String.valueOf(atMost)));
        }
        JamaException refreshFailure = obtained.refreshFailure();
        if (refreshFailure != null) {
            line.append(' ').append(Messages.TokenBlock_refreshFailed(refreshFailure.getMessage()));
        }
        return line.toString();
    }

    /** "59 min" for a fresh hour-long token (rounded, not cut), seconds below a minute: never "0 min". */
    static @NonNull String lifetime(@NonNull Duration duration) {
        long seconds = Math.max(0, duration.getSeconds());
        return seconds < 60 ? seconds + " s" : (seconds + 30) / 60 + " min";
    }

    /** The token the block's steps get now: after a renewal, the new one. */
    @NonNull
    String token() {
        Renewal renewal = RUNNING.get(blockId);
        return renewal == null ? firstToken.getPlainText() : renewal.current().value();
    }

    /**
     * The variables of the block that are not secret: the site address and, when the block has a token file and
     * {@code tokenFileVariable} is set, the file's path on the agent.
     */
    @NonNull
    Map<String, String> publicVariables(@NonNull String urlVariable, @CheckForNull String tokenFileVariable) {
        Map<String, String> values = new HashMap<>();
        values.put(urlVariable, baseUrl);
        if (tokenFileVariable != null && tokenFolder != null) {
            values.put(tokenFileVariable, tokenFolder.child("token").getRemote());
        }
        return values;
    }

    /** The path of the mask file next to the token file, or {@code null} when the block has none. */
    @CheckForNull
    String masksFile() {
        return tokenFolder == null ? null : tokenFolder.child("masks").getRemote();
    }

    /** The masking pattern of every token the block held so far, oldest first. */
    @NonNull
    List<Secret> patterns() {
        Renewal renewal = RUNNING.get(blockId);
        return renewal == null ? List.of(TokenMasks.patternFor(firstToken.getPlainText())) : renewal.patterns;
    }

    /** The mask files of the running blocks of a build that have a token file, as paths on their agents. */
    static @NonNull List<String> masksFilesOf(@NonNull String buildId) {
        return RUNNING.values().stream()
                .filter(renewal -> renewal.block.buildId.equals(buildId))
                .map(renewal -> renewal.block.masksFile())
                .filter(Objects::nonNull)
                .collect(Collectors.toList());
    }

    /**
     * Starts renewing on the schedule of the first token (at once when that is due), and writes the token file.
     *
     * @param firstPattern the first token's masking pattern, already among the build's masks
     */
    private void startRenewal(
            @NonNull Run<?, ?> run,
            @NonNull TaskListener listener,
            @NonNull JamaApiClientCredentials credentials,
            @NonNull Secret firstPattern)
            throws IOException, InterruptedException {
        TokenRenewal renewal;
        try {
            renewal = JamaConnect.renewal(
                    credentials,
                    Duration.ofMillis(minValidityMillis),
                    new AccessToken(firstToken.getPlainText(), Instant.ofEpochMilli(firstExpiresAt)),
                    Instant.ofEpochMilli(firstIssuedAt));
        } catch (JamaException e) {
            throw new AbortException(Messages.TokenBlock_failed(credentialsId, e.getMessage()));
        }
        Renewal running = new Renewal(this, run, listener, renewal, firstPattern);
        running.writeTokenFile();
        Renewal previous = RUNNING.put(blockId, running);
        if (previous != null) {
            previous.cancel();
        }
        running.scheduleNext();
    }

    /**
     * After a controller restart, where the build's masks and the timer's renewals were lost: starts them again, off
     * the thread that loads the Pipeline, looking the credential up as the build may.
     */
    void resume(@NonNull Callable<Run<?, ?>> run, @NonNull Callable<TaskListener> listener) {
        Timer.get().submit(() -> {
            try {
                Run<?, ?> build = run.call();
                if (build != null) {
                    // The build's masks start empty after a restart.
                    Secret pattern = TokenMasks.patternFor(firstToken.getPlainText());
                    TokenMasks.add(build, pattern);
                    if (renews) {
                        startRenewal(build, listener.call(), find(build, credentialsId), pattern);
                    }
                }
            } catch (Exception e) {
                LOGGER.log(Level.WARNING, "Could not resume renewing the Jama token of " + credentialsId, e);
            }
        });
    }

    /** The block is over, however it ended: renewal stops and the token file goes. */
    void close() throws IOException, InterruptedException {
        Renewal renewal = RUNNING.remove(blockId);
        if (renewal != null) {
            renewal.cancel();
        }
        if (tokenFolder != null) {
            tokenFolder.deleteRecursive();
        }
    }

    /**
     * Makes the folder for the token file of a block: in the workspace's temporary folder, outside the checkout, and
     * accessible to its owner only. It is closed while still empty, so no other user can hold it open from before.
     */
    private static FilePath newTokenFolder(FilePath workspace) throws IOException, InterruptedException {
        FilePath temp = WorkspaceList.tempDir(workspace);
        if (temp == null) {
            throw new IOException("No temporary folder next to the workspace " + workspace.getRemote());
        }
        FilePath folder = temp.child("jama-" + UUID.randomUUID());
        folder.mkdirs();
        folder.chmod(0700);
        return folder;
    }

    private static String validUntil(AccessToken token) {
        return token.expiresAt().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** The renewal of a running block on the Jenkins timer. */
    private static final class Renewal {

        private final TokenBlock block;
        private final Run<?, ?> run;
        private final TaskListener listener;
        private final TokenRenewal renewal;

        /** Replaced whole, never changed. */
        private volatile List<Secret> patterns;

        /** What the block's steps get: a renewed token once it is masked everywhere, so later than the renewal's. */
        private volatile AccessToken handedOn;

        // guarded by this
        @CheckForNull
        private ScheduledFuture<?> next;

        // guarded by this
        private boolean stopped;

        /** A renewed token that is masked but not handed on yet; only the timer's task, one at a time, uses it. */
        @CheckForNull
        private ObtainedToken maskedOnly;

        Renewal(TokenBlock block, Run<?, ?> run, TaskListener listener, TokenRenewal renewal, Secret firstPattern) {
            this.block = block;
            this.run = run;
            this.listener = listener;
            this.renewal = renewal;
            this.handedOn = renewal.current();
            this.patterns = List.of(firstPattern);
        }

        AccessToken current() {
            return handedOn;
        }

        synchronized void cancel() {
            stopped = true;
            if (next != null) {
                next.cancel(false);
            }
        }

        void scheduleNext() {
            schedule(this::renewIfDue, renewal.nextAttemptAt().toEpochMilli() - System.currentTimeMillis());
        }

        private synchronized void schedule(Runnable task, long delayMillis) {
            if (!stopped) {
                next = Timer.get().schedule(task, delayMillis, TimeUnit.MILLISECONDS);
            }
        }

        /**
         * Renews when due. A new token is masked at once; it is handed on (to the steps the block starts, the token
         * file, the audit record and the log) only then, and with a token file only once the log filters of the
         * block's running steps can have read its mask from the mask file, which they check at most every
         * {@link TokenMasks#MASKS_FILE_RECHECK}: a step that reads the new token can only print it masked.
         */
        private void renewIfDue() {
            try {
                ObtainedToken masked = maskedOnly;
                maskedOnly = null;
                if (!run.isBuilding()) {
                    // The build ended without ending the block (a hard kill): nothing else will stop this renewal.
                    block.close();
                    return;
                } else if (masked != null) {
                    handOn(masked);
                } else {
                    TokenRenewal.Outcome outcome = renewal.renewIfDue();
                    ObtainedToken renewed = outcome.renewedTo();
                    JamaException failure = outcome.failure();
                    if (renewed != null) {
                        mask(renewed.token());
                        maskedOnly = renewed;
                        long settle = block.tokenFolder == null ? 0 : TokenMasks.MASKS_FILE_RECHECK.toMillis() + 500;
                        schedule(this::renewIfDue, settle);
                        return;
                    } else if (outcome.reportable() && failure != null) {
                        listener.getLogger()
                                .println(Messages.TokenBlock_renewalFailed(
                                        block.credentialsId, failure.getMessage(), validUntil(outcome.token())));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException e) {
                // The agent may be gone; the block ends soon, or the next renewal writes the files again.
                LOGGER.log(Level.WARNING, "Could not hand the renewed Jama token to a block of " + run, e);
            }
            scheduleNext();
        }

        /** Masks before anything else sees the token: the build's masks, then the mask file. */
        private void mask(AccessToken token) throws IOException, InterruptedException {
            Secret pattern = TokenMasks.patternFor(token.value());
            TokenMasks.add(run, pattern);
            List<Secret> held = new ArrayList<>(patterns);
            held.add(pattern);
            patterns = List.copyOf(held);
            write("masks", TokenMasks.anyOf(patterns).pattern());
        }

        private void handOn(ObtainedToken renewed) throws IOException, InterruptedException {
            handedOn = renewed.token();
            write("token", renewed.token().value());
            JamaAuditAction.record(run, block.credentialsId, block.baseUrl, block.binding, renewed, true);
            String until = validUntil(renewed.token());
            listener.getLogger()
                    .println(
                            renewed.reused()
                                    ? Messages.TokenBlock_renewedReused(block.credentialsId, until)
                                    : Messages.TokenBlock_renewedMinted(block.credentialsId, until));
        }

        /** The first token's files: the masks first, so a step that reads the token can only print it masked. */
        void writeTokenFile() throws IOException, InterruptedException {
            write("masks", TokenMasks.anyOf(patterns).pattern());
            write("token", current().value());
        }

        /** Never once the block is over, when {@link TokenBlock#close()} deletes the folder after {@link #cancel()}. */
        private synchronized void write(String name, String content) throws IOException, InterruptedException {
            FilePath folder = block.tokenFolder;
            if (folder != null && !stopped) {
                folder.act(new ReplaceFile(name, content));
            }
        }
    }

    /** Replaces a file of the token folder on the agent in one step, through a new owner-only file renamed over it. */
    private static final class ReplaceFile extends MasterToSlaveFileCallable<Void> {

        @Serial
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
}
