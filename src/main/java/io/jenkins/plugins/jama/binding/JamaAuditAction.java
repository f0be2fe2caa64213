package io.jenkins.plugins.jama.binding;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Run;
import io.jenkins.plugins.jama.client.JamaException;
import io.jenkins.plugins.jama.client.JamaUser;
import io.jenkins.plugins.jama.client.ObtainedToken;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import jenkins.model.RunAction2;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * Which Jama identity a build used: one {@link TokenUse} per token binding, kept in {@code build.xml}, shown on the
 * build page and exported in the build's REST API for compliance tools. Never holds a token or a secret.
 */
@ExportedBean
public final class JamaAuditAction implements RunAction2 {

    private final List<TokenUse> uses = new CopyOnWriteArrayList<>();

    @CheckForNull
    private transient Run<?, ?> run;

    /** Adds {@code use} to the build's record and saves the build, so the record survives a controller restart. */
    @Restricted(NoExternalUse.class)
    public static void record(@NonNull Run<?, ?> run, @NonNull TokenUse use) throws IOException {
        JamaAuditAction action;
        synchronized (JamaAuditAction.class) {
            // Parallel branches bind at once; one action per build.
            action = run.getAction(JamaAuditAction.class);
            if (action == null) {
                action = new JamaAuditAction();
                run.addAction(action);
            }
        }
        action.uses.add(use);
        run.save();
    }

    /** Visible in the build's {@code /api/json} without a {@code depth}, as the causes of a build are. */
    @Exported(visibility = 2)
    public @NonNull List<TokenUse> getUses() {
        return List.copyOf(uses);
    }

    /**
     * Notes in the record of {@code blockId} that its block renewed its token, now valid until {@code expiresAt}, and
     * saves the build.
     */
    static void renewed(@NonNull Run<?, ?> run, @NonNull String blockId, @NonNull Instant expiresAt)
            throws IOException {
        JamaAuditAction action = run.getAction(JamaAuditAction.class);
        if (action == null) {
            return;
        }
        for (TokenUse use : action.uses) {
            if (blockId.equals(use.blockId)) {
                use.renewed(expiresAt);
                run.save();
                return;
            }
        }
    }

    /** The build page's line: how many bindings, and the distinct Jama users they acted as. */
    @Restricted(NoExternalUse.class)
    public @NonNull String getSummary() {
        String users = uses.stream()
                .map(use -> use.jamaUser == null ? Messages.TokenBlock_unknownUser() : use.jamaUser)
                .distinct()
                .collect(Collectors.joining(", "));
        return Messages.JamaAuditAction_summary(uses.size(), users);
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
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    /**
     * One token binding of a build: credential, site, the Jama user the token acts as, and the token's times. Times are
     * kept as epoch milliseconds, which {@code build.xml} stores the same on every Java version.
     */
    @ExportedBean(defaultVisibility = 3)
    public static final class TokenUse {

        /** Not exported: it only links a renewal to its record. */
        private final String blockId;

        private final String credentialsId;
        private final String site;
        private final String binding;
        private final boolean minted;

        @CheckForNull
        private final String jamaUser;

        @CheckForNull
        private final String licenseType;

        @CheckForNull
        private final String userUnknownReason;

        private final long issuedAt;
        private final long boundAt;

        // guarded by this
        private long expiresAt;

        // guarded by this
        private int renewals;

        /**
         * @param blockId links the block's renewals to this record
         * @param binding how the build asked for the token: the Pipeline symbol of the step, binding or wrapper
         */
        @Restricted(NoExternalUse.class)
        public TokenUse(
                @NonNull String blockId,
                @NonNull String credentialsId,
                @NonNull String site,
                @NonNull String binding,
                @NonNull ObtainedToken obtained,
                @NonNull Instant boundAt) {
            this.blockId = blockId;
            this.credentialsId = credentialsId;
            this.site = site;
            this.binding = binding;
            this.minted = !obtained.reused();
            JamaUser user = obtained.user();
            this.jamaUser = user == null ? null : user.username();
            this.licenseType = user == null ? null : user.licenseType();
            JamaException unknown = obtained.userUnknown();
            this.userUnknownReason = unknown == null ? null : unknown.getMessage();
            this.issuedAt = obtained.issuedAt().toEpochMilli();
            this.expiresAt = obtained.token().expiresAt().toEpochMilli();
            this.boundAt = boundAt.toEpochMilli();
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

        /** {@code withJamaToken}, {@code jamaToken} (also Declarative {@code credentials()}) or {@code jamaTokenWrapper}. */
        @Exported
        public @NonNull String getBinding() {
            return binding;
        }

        /** Whether this binding minted the token, rather than reusing one the controller had cached. */
        @Exported
        public boolean isMinted() {
            return minted;
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

        /** ISO-8601, UTC. */
        @Exported
        public @NonNull String getIssuedAt() {
            return Instant.ofEpochMilli(issuedAt).toString();
        }

        /** When the last token the binding held stops working, ISO-8601, UTC. */
        @Exported
        public synchronized @NonNull String getExpiresAt() {
            return Instant.ofEpochMilli(expiresAt).toString();
        }

        /** How often the block renewed its token; {@code issuedAt} is that of its first token. */
        @Exported
        public synchronized int getRenewals() {
            return renewals;
        }

        synchronized void renewed(Instant newExpiry) {
            renewals++;
            expiresAt = newExpiry.toEpochMilli();
        }

        /** When the build bound the token, ISO-8601, UTC. */
        @Exported
        public @NonNull String getBoundAt() {
            return Instant.ofEpochMilli(boundAt).toString();
        }

        @Override
        public String toString() {
            return binding + " of '" + credentialsId + "' at " + site + " as " + jamaUser + ", issued " + getIssuedAt();
        }
    }
}
