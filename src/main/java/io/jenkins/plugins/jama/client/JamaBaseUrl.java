package io.jenkins.plugins.jama.client;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.net.URI;

/**
 * A Jama Connect site address, normalised from what a user pasted: scheme, host, optional port and context path,
 * no trailing slash, no {@code /rest/...} suffix.
 */
public final class JamaBaseUrl {

    /** Whether plain {@code http} is accepted; only a caller that warns the user may allow it. */
    public enum Scheme {
        HTTPS_ONLY,
        HTTP_ALLOWED
    }

    private final URI uri;

    private JamaBaseUrl(URI uri) {
        this.uri = uri;
    }

    /**
     * @throws JamaException with {@link JamaException.Reason#BAD_URL} and a message that says what to fix; the
     *     message never repeats user info (credentials) found in the input
     */
    public static @NonNull JamaBaseUrl parse(String input, @NonNull Scheme scheme) throws JamaException {
        return new JamaBaseUrl(BaseUrlParser.parse(input, scheme));
    }

    public @NonNull URI toUri() {
        return uri;
    }

    public boolean isHttps() {
        return "https".equals(uri.getScheme());
    }

    public @NonNull String host() {
        return uri.getHost();
    }

    public @NonNull JamaEndpoints endpoints() {
        return JamaEndpoints.of(uri);
    }

    /** The normalised address, for example {@code https://jama.example.com/contour}. */
    @Override
    public String toString() {
        return uri.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JamaBaseUrl other && uri.equals(other.uri);
    }

    @Override
    public int hashCode() {
        return uri.hashCode();
    }
}
