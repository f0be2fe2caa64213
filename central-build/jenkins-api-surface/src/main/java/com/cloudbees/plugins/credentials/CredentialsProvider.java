package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.model.Item;
import hudson.model.Run;
import hudson.security.Permission;
import hudson.util.ListBoxModel;
import java.util.List;
import org.springframework.security.core.Authentication;

/** Surface of credentials-plugin {@code src/main/java/com/cloudbees/plugins/credentials/CredentialsProvider.java}. */
public abstract class CredentialsProvider {

    public static final Permission USE_ITEM = unavailable();

    public static final Permission CREATE = unavailable();

    public static final Permission UPDATE = unavailable();

    private CredentialsProvider() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    @NonNull
    public static <C extends IdCredentials> ListBoxModel listCredentialsInItem(
            @NonNull Class<C> type,
            @Nullable Item item,
            @Nullable Authentication authentication,
            @Nullable List<DomainRequirement> domainRequirements,
            @Nullable CredentialsMatcher matcher) {
        throw new UnsupportedOperationException("compile-only surface");
    }

    @NonNull
    public static <C extends Credentials> List<C> lookupCredentialsInItem(
            @NonNull Class<C> type,
            @Nullable Item item,
            @Nullable Authentication authentication,
            @Nullable List<DomainRequirement> domainRequirements) {
        throw new UnsupportedOperationException("compile-only surface");
    }

    @CheckForNull
    public static <C extends IdCredentials> C findCredentialById(
            @NonNull String id, @NonNull Class<C> type, @NonNull Run<?, ?> run) {
        throw new UnsupportedOperationException("compile-only surface");
    }

    @CheckForNull
    public static <C extends Credentials> C track(@NonNull Run build, @CheckForNull C credentials) {
        throw new UnsupportedOperationException("compile-only surface");
    }

    /** Keeps the value unknown to analysis, as the real one is to our code. */
    private static Permission unavailable() {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
