package io.jenkins.plugins.jama.client;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;

/** Mints a new token for an API client; {@link JamaTokenClient} in production, a stub in tests. */
@FunctionalInterface
public interface TokenSource {

    @NonNull
    AccessToken mint(@NonNull ClientCredentials credentials) throws JamaException, InterruptedException;

    /**
     * The Jama user a token just minted acts as, asked once per mint so that the {@link TokenCache} keeps it with the
     * token and a reuse costs no call.
     *
     * @return {@code null} when this source does not ask (the default)
     */
    default @CheckForNull JamaUser userOf(@NonNull ClientCredentials credentials, @NonNull AccessToken token)
            throws JamaException, InterruptedException {
        return null;
    }
}
