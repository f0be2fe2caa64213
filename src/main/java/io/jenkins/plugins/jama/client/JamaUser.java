package io.jenkins.plugins.jama.client;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;

/** The Jama user a token acts as, from {@code GET /rest/v1/users/current}. */
public record JamaUser(
        @NonNull String username, @CheckForNull String licenseType) {}
