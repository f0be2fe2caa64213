package io.jenkins.plugins.jama.client;

import edu.umd.cs.findbugs.annotations.NonNull;

/** Mints a new token for an API client; {@link JamaTokenClient#requestToken} in production, a stub in tests. */
@FunctionalInterface
public interface TokenSource {
    @NonNull
    AccessToken mint(@NonNull ClientCredentials credentials) throws JamaException, InterruptedException;
}
