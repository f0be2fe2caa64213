package io.jenkins.plugins.jama.client;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;

/** Mints a new token for an API client; {@link JamaTokenClient} in production, a stub in tests. */
@FunctionalInterface
public interface TokenSource {

    /**
     * A new token and the Jama user it acts as, asked once per mint so that the {@link TokenCache} keeps the user with
     * the token and a reuse costs no call.
     *
     * @throws JamaException when no token was obtained
     */
    @NonNull
    Minted mint(@NonNull ClientCredentials credentials) throws JamaException, InterruptedException;

    /**
     * @param user the Jama user the token acts as; {@code null} when unknown or the source does not ask
     * @param userUnknown why asking Jama for the user failed, though the token itself works
     */
    record Minted(
            @NonNull AccessToken token,
            @CheckForNull JamaUser user,
            @CheckForNull JamaException userUnknown) {}
}
