package io.jenkins.plugins.jama.binding;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.XmlFile;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.model.listeners.RunListener;
import io.jenkins.plugins.jama.client.JamaException;
import io.jenkins.plugins.jama.client.JamaUser;
import io.jenkins.plugins.jama.client.ObtainedToken;
import java.io.File;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import jenkins.model.RunAction2;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * Which Jama identity a build used: one {@link TokenUse} per token, with how many blocks used it and how, shown on the
 * build page and exported in the build's REST API for compliance tools. It grows with the tokens a build used, not
 * with its blocks. Never holds a token or a secret.
 *
 * <p>The rows are kept in {@value #FILE} in the build's directory, not in {@code build.xml}: Pipeline writes
 * {@code build.xml} again at every step, and the record would be written with it each time (the JUnit plugin keeps
 * its results beside {@code build.xml} for the same reason).
 */
@ExportedBean
public final class JamaAuditAction implements RunAction2 {

    static final String FILE = "jama-audit.xml";

    private static final Logger LOGGER = Logger.getLogger(JamaAuditAction.class.getName());

    private transient List<TokenUse> tokens = new CopyOnWriteArrayList<>();

    @CheckForNull
    private transient Run<?, ?> run;

    /**
     * Notes that a block of {@code run} started with {@code obtained}, or moved to it when it was renewed. A token new
     * to the build adds a row and saves the record, so the row survives a controller restart; another use of a token
     * already recorded is only counted, and saved with the next row or when the build ends.
     *
     * @param binding the Pipeline symbol of what asked for the token
     */
    static void record(
            @NonNull Run<?, ?> run,
            @NonNull String credentialsId,
            @NonNull String site,
            @NonNull String binding,
            @NonNull ObtainedToken obtained,
            boolean renewal)
            throws IOException {
        Instant now = Instant.now();
        JamaAuditAction action;
        TokenUse use;
        boolean added = false;
        synchronized (JamaAuditAction.class) {
            // Parallel branches bind at once: one action per build, one row per token.
            action = run.getAction(JamaAuditAction.class);
            if (action == null) {
                action = new JamaAuditAction();
                run.addAction(action);
            }
            long expiresAt = obtained.token().expiresAt().toEpochMilli();
            use = action.tokens.stream()
                    .filter(row -> row.expiresAt == expiresAt
                            && row.credentialsId.equals(credentialsId)
                            && row.site.equals(site))
                    .findFirst()
                    .orElse(null);
            if (use == null) {
                use = new TokenUse(credentialsId, site, obtained);
                action.tokens.add(use);
                added = true;
            }
        }
        use.usedBy(binding, !obtained.reused(), renewal, now);
        if (added) {
            action.save();
        }
    }

    /** Writes the rows as they are now; the lock keeps a save that took fewer rows from landing after one with more. */
    private synchronized void save() throws IOException {
        if (run != null) {
            file(run).write(new ArrayList<>(tokens));
        }
    }

    private static XmlFile file(Run<?, ?> run) {
        return new XmlFile(new File(run.getRootDir(), FILE));
    }

    /** Visible in the build's {@code /api/json} without a {@code depth}, as the causes of a build are. */
    @Exported(visibility = 2)
    public @NonNull List<TokenUse> getTokens() {
        return List.copyOf(tokens);
    }

    /** The build page's line: how many blocks, how many tokens, and the distinct Jama users they acted as. */
    @Restricted(NoExternalUse.class)
    public @NonNull String getSummary() {
        String users = tokens.stream()
                .map(use -> use.jamaUser == null ? Messages.TokenBlock_unknownUser() : use.jamaUser)
                .distinct()
                .collect(Collectors.joining(", "));
        int blocks = tokens.stream().mapToInt(TokenUse::getBlocks).sum();
        return Messages.JamaAuditAction_summary(blocks, tokens.size(), users);
    }

    /** The build this record belongs to, for the page's breadcrumbs. */
    public @CheckForNull Run<?, ?> getRun() {
        return run;
    }

    @Override
    public String getIconFileName() {
        return "symbol-id-card";
    }

    @Override
    public String getDisplayName() {
        return Messages.JamaAuditAction_displayName();
    }

    @Override
    public String getUrlName() {
        return "jama";
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void onLoad(Run<?, ?> r) {
        this.run = r;
        XmlFile file = file(r);
        List<TokenUse> saved = List.of();
        try {
            if (file.exists()) {
                saved = (List<TokenUse>) file.read();
            }
        } catch (IOException | ClassCastException e) {
            LOGGER.log(Level.WARNING, "Could not read the Jama Connect identity record of " + r, e);
        }
        tokens = new CopyOnWriteArrayList<>(saved);
    }

    /** Saves what the blocks of a build counted since its last new row, once the build is over. */
    @Extension
    public static final class SaveWhenCompleted extends RunListener<Run<?, ?>> {

        @Override
        public void onCompleted(Run<?, ?> run, @NonNull TaskListener listener) {
            JamaAuditAction action = run.getAction(JamaAuditAction.class);
            if (action != null) {
                try {
                    action.save();
                } catch (IOException e) {
                    listener.getLogger().println(Messages.JamaAuditAction_notSaved(FILE, e.getMessage()));
                }
            }
        }
    }

    /**
     * One token a build used: credential, site, the Jama user it acts as and its times, and which of the build's
     * blocks used it. Times are kept as epoch milliseconds, which XStream stores the same on every Java version.
     */
    @ExportedBean(defaultVisibility = 3)
    public static final class TokenUse {

        private final String credentialsId;
        private final String site;

        @CheckForNull
        private final String jamaUser;

        @CheckForNull
        private final String licenseType;

        @CheckForNull
        private final String userUnknownReason;

        private final long issuedAt;
        private final long expiresAt;

        // guarded by this
        private boolean minted;

        // guarded by this
        private final Set<String> bindings = new TreeSet<>();

        // guarded by this
        private int blocks;

        // guarded by this
        private int renewals;

        // guarded by this
        private long firstUsedAt;

        // guarded by this
        private long lastUsedAt;

        private TokenUse(String credentialsId, String site, ObtainedToken obtained) {
            this.credentialsId = credentialsId;
            this.site = site;
            JamaUser user = obtained.user();
            this.jamaUser = user == null ? null : user.username();
            this.licenseType = user == null ? null : user.licenseType();
            JamaException unknown = obtained.userUnknown();
            this.userUnknownReason = unknown == null ? null : unknown.getMessage();
            this.issuedAt = obtained.issuedAt().toEpochMilli();
            this.expiresAt = obtained.token().expiresAt().toEpochMilli();
        }

        private synchronized void usedBy(String binding, boolean mintedNow, boolean renewal, Instant at) {
            minted |= mintedNow;
            bindings.add(binding);
            if (renewal) {
                renewals++;
            } else {
                blocks++;
            }
            firstUsedAt = firstUsedAt == 0 ? at.toEpochMilli() : firstUsedAt;
            lastUsedAt = at.toEpochMilli();
        }

        @Exported
        public @NonNull String getCredentialsId() {
            return credentialsId;
        }

        /** The Jama base URL the token works with. */
        @Exported
        public @NonNull String getSite() {
            return site;
        }

        /** {@code null} when Jama could not be asked; see {@link #getUserUnknownReason()}. */
        @Exported
        public @CheckForNull String getJamaUser() {
            return jamaUser;
        }

        @Exported
        public @CheckForNull String getLicenseType() {
            return licenseType;
        }

        @Exported
        public @CheckForNull String getUserUnknownReason() {
            return userUnknownReason;
        }

        /** Whether this build minted the token, rather than reusing one the controller had cached. */
        @Exported
        public synchronized boolean isMinted() {
            return minted;
        }

        /** ISO-8601, UTC. */
        @Exported
        public @NonNull String getIssuedAt() {
            return Instant.ofEpochMilli(issuedAt).toString();
        }

        /** When the token stops working, ISO-8601, UTC. */
        @Exported
        public @NonNull String getExpiresAt() {
            return Instant.ofEpochMilli(expiresAt).toString();
        }

        /**
         * How the build used the token: {@code withJamaToken}, {@code jamaToken} (also Declarative
         * {@code credentials()}) or {@code jamaTokenWrapper}, in alphabetical order.
         */
        @Exported
        public synchronized @NonNull List<String> getBindings() {
            return List.copyOf(bindings);
        }

        /** How many blocks started with the token. */
        @Exported
        public synchronized int getBlocks() {
            return blocks;
        }

        /** How many times a running block moved to the token when it renewed its own. */
        @Exported
        public synchronized int getRenewals() {
            return renewals;
        }

        /** When a block first got the token, ISO-8601, UTC. */
        @Exported
        public synchronized @NonNull String getFirstUsedAt() {
            return Instant.ofEpochMilli(firstUsedAt).toString();
        }

        /** When a block last got the token, ISO-8601, UTC. */
        @Exported
        public synchronized @NonNull String getLastUsedAt() {
            return Instant.ofEpochMilli(lastUsedAt).toString();
        }

        @Override
        public synchronized String toString() {
            return "'" + credentialsId + "' at " + site + " as " + jamaUser + ", issued " + getIssuedAt() + ", "
                    + blocks + " blocks";
        }
    }
}
