package io.jenkins.plugins.jama.client;

import edu.umd.cs.findbugs.annotations.CheckForNull;
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
    private final TokenCache.Key cacheKey;

    /** @throws JamaException ({@link JamaException.Reason#BAD_CLIENT_ID}) saying {@link #clientIdProblem} */
    public ClientCredentials(@NonNull JamaBaseUrl baseUrl, @NonNull String clientId, @NonNull String clientSecret)
            throws JamaException {
        String problem = clientIdProblem(clientId);
        if (problem != null) {
            throw new JamaException(JamaException.Reason.BAD_CLIENT_ID, problem);
        }
        this.baseUrl = baseUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.cacheKey = TokenCache.Key.of(baseUrl, clientId, clientSecret);
    }

    /**
     * The rule for a client ID, for the credential form and for sending it: it is the user name of HTTP Basic
     * authentication, which cannot carry a colon, whitespace or a control character (RFC 7617), so Jama could only
     * reject it. The ID is never repeated: a pasted "id:secret" would put the secret into the message.
     *
     * @return what to fix, or {@code null} when the ID can be sent
     */
    public static @CheckForNull String clientIdProblem(@NonNull String clientId) {
        if (clientId.isBlank()) {
            return Messages.ClientCredentials_clientIdBlank();
        }
        if (clientId.chars().anyMatch(c -> c == ':' || Character.isWhitespace(c) || Character.isISOControl(c))) {
            return Messages.ClientCredentials_clientIdInvalid();
        }
        return null;
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
        return cacheKey;
    }

    @Override
    public String toString() {
        return clientId + " @ " + baseUrl;
    }
}
