package io.jenkins.plugins.jama.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.jama.client.JamaException.Reason;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * Decides what an answer from Jama means: usable JSON, or a {@link JamaException} that says what to fix. Text from
 * the answer is never shown except a known OAuth error code and the host of a redirect target, and those only when
 * they do not contain a secret of the call, so a server that echoes a credential cannot leak it into a message.
 */
final class ResponseClassifier {

    /** Which call was made; the same status means different things for the two. */
    enum Call {
        TOKEN,
        CURRENT_USER
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * RFC 6749 section 5.2, RFC 6750 section 3.1, and the codes of legacy Spring Security OAuth2 ({@code unauthorized},
     * {@code access_denied}), which older Jama releases send. Any other code is not shown: it is free text.
     */
    private static final Set<String> OAUTH_ERROR_CODES = Set.of(
            "invalid_request",
            "invalid_client",
            "invalid_grant",
            "unauthorized_client",
            "unsupported_grant_type",
            "invalid_scope",
            "invalid_token",
            "insufficient_scope",
            "unauthorized",
            "access_denied");

    private static final int MAX_HOST = 100;

    private ResponseClassifier() {}

    /** @param secrets what this call must never show, such as the client secret or the token it sent */
    static JsonNode json(Call call, URI uri, HttpResponse<CappedBody> response, Instant now, Secrets secrets)
            throws JamaException {
        int status = response.statusCode();
        String code = String.valueOf(status);
        CappedBody body = response.body();
        if (status >= 300 && status < 400) {
            throw redirected(uri, response, code, secrets);
        }
        if (status == 429) {
            throw new JamaException(
                    Reason.RATE_LIMITED, Messages.JamaException_rateLimited(uri), uri, null, retryAfter(response, now));
        }
        if (status >= 500) {
            throw new JamaException(
                    Reason.SERVER_ERROR,
                    Messages.JamaException_serverError(uri, code),
                    uri,
                    null,
                    retryAfter(response, now));
        }
        if (status == 408) {
            throw new JamaException(Reason.TIMEOUT, Messages.JamaException_serverTimeout(uri), uri, null);
        }
        // The status decides first: an error answer says what it needs to in its status, whatever its size.
        boolean html = isHtml(response);
        if (status == 401) {
            throw call == Call.TOKEN
                    ? new JamaException(
                            Reason.INVALID_CLIENT,
                            Messages.JamaException_invalidClient(uri, errorCode(body, secrets)),
                            uri,
                            null)
                    : new JamaException(Reason.TOKEN_REJECTED, Messages.JamaException_tokenRejected(uri), uri, null);
        }
        if (status == 403 && !html) {
            throw new JamaException(Reason.NOT_PERMITTED, Messages.JamaException_notPermitted(uri), uri, null);
        }
        if ((status == 404 || status == 405) && call == Call.TOKEN) {
            throw new JamaException(
                    Reason.NO_TOKEN_ENDPOINT, Messages.JamaException_noTokenEndpoint(uri, code), uri, null);
        }
        if (status == 400 && call == Call.TOKEN && !html) {
            throw new JamaException(
                    Reason.INVALID_CLIENT, Messages.JamaException_badRequest(uri, errorCode(body, secrets)), uri, null);
        }
        if (body.tooLarge()) {
            throw new JamaException(
                    Reason.MALFORMED_RESPONSE,
                    Messages.JamaException_tooLarge(uri, String.valueOf(body.limit())),
                    uri,
                    null);
        }
        if (html) {
            throw new JamaException(Reason.NOT_JAMA, Messages.JamaException_htmlPage(uri, code), uri, null);
        }
        if (status < 200 || status >= 300) {
            throw new JamaException(Reason.NOT_JAMA, Messages.JamaException_unexpectedStatus(uri, code), uri, null);
        }
        if (body.isBlank()) {
            throw new JamaException(
                    Reason.MALFORMED_RESPONSE, Messages.JamaException_emptyAnswer(uri, code), uri, null);
        }
        JsonNode node = isJson(response) ? parse(body) : null;
        if (node == null) {
            throw new JamaException(Reason.NOT_JAMA, Messages.JamaException_notJson(uri, code), uri, null);
        }
        if (!node.isObject()) {
            throw new JamaException(
                    Reason.MALFORMED_RESPONSE, Messages.JamaException_notAnObject(uri, code), uri, null);
        }
        return node;
    }

    /** Names only the target's host: its path and query may carry anything, such as the credentials just sent. */
    private static JamaException redirected(URI uri, HttpResponse<CappedBody> response, String code, Secrets secrets) {
        String location = response.headers().firstValue("Location").orElse("");
        URI target;
        try {
            target = uri.resolve(location.strip());
        } catch (IllegalArgumentException e) {
            target = null;
        }
        if (location.isBlank() || target == null || target.getHost() == null) {
            return new JamaException(Reason.REDIRECTED, Messages.JamaException_redirectedNowhere(uri, code), uri, null);
        }
        String host = target.getHost().toLowerCase(Locale.ROOT);
        if (secrets.appearIn(host)) {
            return new JamaException(Reason.REDIRECTED, Messages.JamaException_redirectedHidden(uri, code), uri, null);
        }
        String shown = host.length() > MAX_HOST ? host.substring(0, MAX_HOST) + "…" : host;
        return new JamaException(Reason.REDIRECTED, Messages.JamaException_redirected(uri, code, shown), uri, null);
    }

    private static Duration retryAfter(HttpResponse<?> response, Instant now) {
        return RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), now);
    }

    private static boolean isHtml(HttpResponse<CappedBody> response) {
        return contentType(response).contains("html") || response.body().firstChar() == '<';
    }

    private static boolean isJson(HttpResponse<CappedBody> response) {
        String type = contentType(response);
        return type.contains("json") || type.isEmpty();
    }

    private static String contentType(HttpResponse<?> response) {
        return response.headers()
                .firstValue("Content-Type")
                .orElse("")
                .toLowerCase(Locale.ROOT)
                .strip();
    }

    /** @return any JSON value, or {@code null} when the body is not JSON */
    private static JsonNode parse(CappedBody body) {
        try {
            JsonNode node = JSON.readTree(body.bytes());
            return node == null || node.isMissingNode() ? null : node;
        } catch (IOException e) {
            // Jackson's message quotes the body, which may hold a token: only the fact is kept.
            return null;
        }
    }

    /** The OAuth {@code error} code of a 400 or 401 answer, when it is a known one and repeats no secret. */
    private static String errorCode(CappedBody body, Secrets secrets) {
        JsonNode node = parse(body);
        JsonNode error = node == null ? null : node.get("error");
        if (error != null && error.isTextual()) {
            String code = error.asText().toLowerCase(Locale.ROOT);
            if (OAUTH_ERROR_CODES.contains(code) && !secrets.appearIn(code)) {
                return code;
            }
        }
        return Messages.JamaException_noErrorCode();
    }
}
