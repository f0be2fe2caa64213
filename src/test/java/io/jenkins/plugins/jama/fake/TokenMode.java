package io.jenkins.plugins.jama.fake;

/** How the fake Jama answers {@code POST /rest/oauth/token}. */
public enum TokenMode {
    /** Checks the client credentials and grant, then answers like Jama since July 2024: {@code "Bearer"}, no extras. */
    TOKEN_2024,
    /** Checks like {@link #TOKEN_2024}, answers like Jama before July 2024: {@code "bearer"}, scope, tenant, jti. */
    TOKEN_LEGACY,
    /** 401 {@code {"error":"invalid_client"}}, whatever was sent. */
    INVALID_CLIENT,
    /** 401 {@code {"error":"<the client secret it received>"}}, as a hostile server might answer. */
    INVALID_CLIENT_ECHOING_SECRET,
    /** 400 {@code {"error":"<the client secret it received>"}}. */
    BAD_REQUEST_ECHOING_SECRET,
    /** 401 with Spring Boot's error JSON, as legacy Spring Security OAuth2 answered bad Basic credentials. */
    INVALID_CLIENT_SPRING_BOOT,
    /** 400 {@code {"error":"unsupported_grant_type"}}. */
    UNSUPPORTED_GRANT,
    /** 200 with an HTML login page, as a wrong base URL or an SSO portal gives. */
    HTML_LOGIN_PAGE,
    /** 302 to {@code {context}/login.req} on the same host. */
    REDIRECT_TO_LOGIN,
    /** 307 to the token endpoint of another host. */
    REDIRECT_TO_OTHER_HOST,
    /**
     * 307 to an address whose host, path, query and fragment all carry the client secret it received (use a secret
     * of letters and digits, so the host stays valid).
     */
    REDIRECT_ECHOING_SECRET,
    /** 403 with Jama's meta envelope: "This user is not permitted to use the API". */
    FORBIDDEN_NOT_PERMITTED,
    /** 429 with {@code Retry-After} (see {@link FakeJamaServer#retryAfter(String)}). */
    RATE_LIMITED_WITH_RETRY_AFTER,
    /** 429 without {@code Retry-After}. */
    RATE_LIMITED,
    /** 503 with {@code Retry-After} (see {@link FakeJamaServer#retryAfter(String)}), as during maintenance. */
    UNAVAILABLE_WITH_RETRY_AFTER,
    /** 500 with a JSON meta envelope. */
    SERVER_ERROR,
    /** 502 with an HTML page, as a proxy in front of Jama gives during maintenance. */
    BAD_GATEWAY,
    /** Holds the request until {@link FakeJamaServer#releaseSlowAnswers()} or close, then answers as 2024. */
    SLOW,
    /** Closes the connection without answering. */
    DROP_CONNECTION,
    /** 200 JSON of about 1 MiB. */
    OVERSIZED_BODY,
    /** 200 JSON with a fresh {@code access_token} but {@code "token_type":"mac"}. */
    WRONG_TOKEN_TYPE,
    /** 200 JSON without {@code access_token}. */
    MISSING_ACCESS_TOKEN,
    /** 200 {@code text/plain}. */
    NOT_JSON,
    /** 200 {@code application/json} with an empty body. */
    EMPTY_BODY,
    /** 200 {@code application/json} with {@code []}. */
    JSON_ARRAY,
    /** Like {@link #TOKEN_2024}, with a UTF-8 byte order mark before the JSON. */
    TOKEN_WITH_BOM,
    /** An error of about 1 MiB with the status set by {@link FakeJamaServer#oversizedErrorStatus(int)} (401). */
    OVERSIZED_ERROR
}
