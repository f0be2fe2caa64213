package io.jenkins.plugins.jama.client;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.time.Duration;
import java.time.Instant;

/**
 * A token handed out by the {@link TokenCache}, with what a build records about it.
 *
 * @param issuedAt when the request that minted the token started
 * @param reused whether the token was already cached rather than minted for this request (a caller that waited for
 *     a concurrent mint gets {@code false}: the token is new)
 * @param user the Jama user the token acts as; {@code null} when it is unknown (see {@code userUnknown}) or the
 *     token source does not ask
 * @param userUnknown why the user is unknown: asking Jama failed, though the token itself works
 * @param refreshFailure set when a new token was needed but minting failed, so a still-valid cached token was
 *     returned instead; callers should report it
 * @param shortLifetime set when Jama issues tokens that live shorter than the minimum validity the caller asked
 *     for, so not even a fresh token can meet it (Jama issues 30-minute tokens, 50 minutes were asked): the full
 *     lifetime this token was issued with, counted from the start of its request. Not a failure: the token is as
 *     fresh as Jama gives them. Callers should warn, naming this lifetime and what they asked for. {@code null}
 *     when the token's lifetime covers the request.
 */
public record ObtainedToken(
        @NonNull AccessToken token,
        @NonNull Instant issuedAt,
        boolean reused,
        @CheckForNull JamaUser user,
        @CheckForNull JamaException userUnknown,
        @CheckForNull JamaException refreshFailure,
        @CheckForNull Duration shortLifetime) {}
