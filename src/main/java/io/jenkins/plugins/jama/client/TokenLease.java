package io.jenkins.plugins.jama.client;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.time.Duration;

/**
 * A token handed out by the {@link TokenCache}.
 *
 * @param reused whether the token was already cached rather than minted for this request (a caller that waited for
 *     a concurrent mint gets {@code false}: the token is new)
 * @param refreshFailure set when a new token was needed but minting failed, so a still-valid cached token was
 *     returned instead; callers should report it
 * @param shortLifetime set when Jama issues tokens that live shorter than the minimum validity the caller asked
 *     for, so not even a fresh token can meet it (Jama issues 30-minute tokens, 50 minutes were asked): the full
 *     lifetime this token was issued with, counted from the start of its request. Not a failure: the token is as
 *     fresh as Jama gives them. Callers should warn, naming this lifetime and what they asked for. {@code null}
 *     when the token's lifetime covers the request.
 */
public record TokenLease(
        @NonNull AccessToken token,
        boolean reused,
        @CheckForNull JamaException refreshFailure,
        @CheckForNull Duration shortLifetime) {

    /** A lease of a token whose lifetime covers what the caller asked for. */
    public TokenLease(@NonNull AccessToken token, boolean reused, @CheckForNull JamaException refreshFailure) {
        this(token, reused, refreshFailure, null);
    }
}
