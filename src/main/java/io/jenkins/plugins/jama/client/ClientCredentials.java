package io.jenkins.plugins.jama.client;

import edu.umd.cs.findbugs.annotations.NonNull;

/**
 * A Jama OAuth API client: the site, the client ID and the client secret. {@link #toString()} never shows the
 * secret. Lives only on the Jenkins controller.
 */
public final class ClientCredentials {

    private final JamaBaseUrl baseUrl;
    private final String clientId;
    private final String clientSecret;

    /** Computed once: hashing the secret costs more than a cache hit. */
    private volatile TokenCache.Key cacheKey;

    /**
     * @throws JamaException ({@link JamaException.Reason#INVALID_CLIENT}) when the client ID is blank or holds a
     *     colon, whitespace or a control character: it is the user name of HTTP Basic authentication, which cannot
     *     carry them (RFC 7617), so Jama could only reject it
     */
    public ClientCredentials(@NonNull JamaBaseUrl baseUrl, @NonNull String clientId, @NonNull String clientSecret)
            throws JamaException {
        if (clientId.isBlank()) {
            throw new JamaException(JamaException.Reason.INVALID_CLIENT, Messages.ClientCredentials_clientIdBlank());
        }
        if (clientId.chars().anyMatch(c -> c == ':' || Character.isWhitespace(c) || Character.isISOControl(c))) {
            // The ID is not shown: a pasted "id:secret" would put the secret into the message.
            throw new JamaException(JamaException.Reason.INVALID_CLIENT, Messages.ClientCredentials_clientIdInvalid());
        }
        this.baseUrl = baseUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    public @NonNull JamaBaseUrl baseUrl() {
        return baseUrl;
    }

    public @NonNull String clientId() {
        return clientId;
    }

    /** Only for the token request itself. */
    @NonNull
    String clientSecret() {
        return clientSecret;
    }

    TokenCache.Key cacheKey() {
        TokenCache.Key key = cacheKey;
        if (key == null) {
            key = TokenCache.Key.of(this);
            cacheKey = key;
        }
        return key;
    }

    @Override
    public String toString() {
        return clientId + " @ " + baseUrl;
    }
}
