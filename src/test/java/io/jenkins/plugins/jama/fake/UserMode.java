package io.jenkins.plugins.jama.fake;

/** How the fake Jama answers {@code GET /rest/v1/users/current}. */
public enum UserMode {
    /** The meta/data envelope for a token it issued and has not revoked, 401 for any other. */
    CHECK_TOKEN,
    /** 401 for every token, as Jama answers once a token is revoked or its credentials deleted. */
    REJECT_TOKEN,
    /** 403 with Jama's meta envelope: "This user is not permitted to use the API". */
    FORBIDDEN_NOT_PERMITTED,
    /** 200 with an HTML login page. */
    HTML_LOGIN_PAGE,
    /** 200 JSON that is not a user. */
    NOT_A_USER,
    /** The envelope of a valid user whose {@code username} is the bearer token it received. */
    USERNAME_IS_TOKEN,
    /** The envelope of a valid user whose {@code licenseType} is the bearer token it received. */
    LICENCE_TYPE_IS_TOKEN,
    /**
     * 302 to an address whose host, path and query carry the bearer token it received (use a token of letters,
     * digits and dots, so the host stays valid).
     */
    REDIRECT_ECHOING_TOKEN
}
