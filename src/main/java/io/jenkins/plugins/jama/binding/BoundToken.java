package io.jenkins.plugins.jama.binding;

import edu.umd.cs.findbugs.annotations.NonNull;

/** A token obtained for a build and the site address it works with. {@link #toString()} hides the token. */
final class BoundToken {

    private final String token;
    private final String baseUrl;

    BoundToken(@NonNull String token, @NonNull String baseUrl) {
        this.token = token;
        this.baseUrl = baseUrl;
    }

    @NonNull
    String token() {
        return token;
    }

    @NonNull
    String baseUrl() {
        return baseUrl;
    }

    @Override
    public String toString() {
        return "BoundToken[****, " + baseUrl + "]";
    }
}
