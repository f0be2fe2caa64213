package io.jenkins.plugins.jama.client;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;

/**
 * A token handed out by the {@link TokenCache}.
 *
 * @param reused whether the token was already cached rather than minted for this request (a caller that waited for
 *     a concurrent mint gets {@code false}: the token is new)
 * @param refreshFailure set when a new token was needed but minting failed, so a still-valid cached token was
 *     returned instead; callers should report it
 */
public record TokenLease(
        @NonNull AccessToken token,
        boolean reused,
        @CheckForNull JamaException refreshFailure) {}
