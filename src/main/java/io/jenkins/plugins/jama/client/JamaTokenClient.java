package io.jenkins.plugins.jama.client;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.net.http.HttpClient;

/** Exchanges Jama OAuth client credentials for bearer tokens, and checks a token against the REST API. */
public final class JamaTokenClient implements TokenSource {

    private final HttpClient http;

    /** @param http from the caller, so Jenkins can pass one that honours its proxy settings */
    public JamaTokenClient(@NonNull HttpClient http) {
        this.http = http;
    }

    /** {@code POST {base}/rest/oauth/token} with {@code grant_type=client_credentials}, retrying what is worth it. */
    public @NonNull AccessToken requestToken(@NonNull ClientCredentials credentials)
            throws JamaException, InterruptedException {
        throw new UnsupportedOperationException("TODO issue 3");
    }

    @Override
    public @NonNull AccessToken mint(@NonNull ClientCredentials credentials)
            throws JamaException, InterruptedException {
        return requestToken(credentials);
    }

    /** {@code GET {base}/rest/v1/users/current} with the token: the cheapest proof that it works. */
    public @NonNull JamaUser currentUser(@NonNull JamaBaseUrl baseUrl, @NonNull AccessToken token)
            throws JamaException, InterruptedException {
        throw new UnsupportedOperationException("TODO issue 3");
    }
}
