package io.jenkins.plugins.jama.client;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.net.URI;

/** The Jama Connect REST addresses the plugin calls, resolved against a site's base URL. */
public final class JamaEndpoints {

    static final String TOKEN_PATH = "/rest/oauth/token";
    static final String CURRENT_USER_PATH = "/rest/v1/users/current";

    private final URI baseUrl;

    private JamaEndpoints(URI baseUrl) {
        this.baseUrl = baseUrl;
    }

    /**
     * @param baseUrl the site's address with any context path and without a trailing slash, such as
     *     {@code https://example.jamacloud.com} or {@code https://jama.example.com/contour}
     */
    public static @NonNull JamaEndpoints of(@NonNull URI baseUrl) {
        if (!baseUrl.isAbsolute() || baseUrl.getHost() == null) {
            throw new IllegalArgumentException(Messages.JamaEndpoints_notAbsolute());
        }
        if (baseUrl.getRawPath() != null && baseUrl.getRawPath().endsWith("/")) {
            throw new IllegalArgumentException(Messages.JamaEndpoints_trailingSlash());
        }
        return new JamaEndpoints(baseUrl);
    }

    public @NonNull URI baseUrl() {
        return baseUrl;
    }

    /** Where client credentials are exchanged for a bearer token. */
    public @NonNull URI token() {
        return resolve(TOKEN_PATH);
    }

    /** The user the token acts as; a cheap call that proves a token works. */
    public @NonNull URI currentUser() {
        return resolve(CURRENT_USER_PATH);
    }

    private URI resolve(String path) {
        return URI.create(baseUrl + path);
    }

    @Override
    public String toString() {
        return baseUrl.toString();
    }
}
