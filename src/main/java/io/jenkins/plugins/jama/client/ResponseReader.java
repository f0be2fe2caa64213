package io.jenkins.plugins.jama.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.jama.client.JamaException.Reason;
import io.jenkins.plugins.jama.client.JamaHttp.Body;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Reads Jama's answers: a token, the current user, or a {@link JamaException} that says what to fix. Text from the
 * answer is never shown except a known OAuth error code and the host of a redirect target, and those only when they
 * do not contain a secret of the call, so a server that echoes a credential cannot leak it into a message.
 *
 * <p>Both token bodies are accepted: the 2024 one ({@code "token_type":"Bearer"}, no extras) and the legacy one
 * ({@code "bearer"}, plus {@code scope}, {@code tenant}, {@code jti}...); unknown fields are ignored.
 */
final class ResponseReader {

    private ResponseReader() {}

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
            ("invalid_request invalid_client invalid_grant unauthorized_client unsupported_grant_type invalid_scope"
                            + " invalid_token insufficient_scope unauthorized access_denied")
                    .split(" "));

    private static final int MAX_HOST = 100;

    static final String TUNNELING_DISABLED_SCHEMES = "jdk.http.auth.tunneling.disabledSchemes";

    /** @param hidden what this call must never show, such as the client secret or the token it sent */
    static JsonNode json(Call call, URI uri, HttpResponse<Body> response, Instant now, Predicate<String> hidden)
            throws JamaException {
        int status = response.statusCode();
        String code = String.valueOf(status);
        Body body = response.body();
        if (status >= 300 && status < 400) {
            throw redirected(uri, response, code, hidden);
        }
        if (status == 429 || status >= 500) {
            Duration wait =
                    retryAfter(response.headers().firstValue("Retry-After").orElse(null), now);
            throw status == 429
                    ? new JamaException(Reason.RATE_LIMITED, Messages.JamaException_rateLimited(uri), null, wait)
                    : new JamaException(Reason.SERVER_ERROR, Messages.JamaException_serverError(uri, code), null, wait);
        }
        if (status == 408) {
            throw new JamaException(Reason.TIMEOUT, Messages.JamaException_serverTimeout(uri));
        }
        // The status decides first: an error answer says what it needs to in its status, whatever its size.
        // The first character tells JSON from an HTML page when the content type is missing or wrong.
        boolean html = contentType(response).contains("html")
                || body.text().stripLeading().startsWith("<");
        if (status == 401) {
            throw call == Call.TOKEN
                    ? new JamaException(
                            Reason.INVALID_CLIENT, Messages.JamaException_invalidClient(uri, errorCode(body, hidden)))
                    : new JamaException(Reason.TOKEN_REJECTED, Messages.JamaException_tokenRejected(uri));
        }
        if (status == 403 && !html) {
            throw new JamaException(Reason.NOT_PERMITTED, Messages.JamaException_notPermitted(uri));
        }
        if ((status == 404 || status == 405) && call == Call.TOKEN) {
            throw new JamaException(Reason.NO_TOKEN_ENDPOINT, Messages.JamaException_noTokenEndpoint(uri, code));
        }
        if (status == 400 && call == Call.TOKEN && !html) {
            throw new JamaException(
                    Reason.TOKEN_REQUEST_REFUSED, Messages.JamaException_badRequest(uri, errorCode(body, hidden)));
        }
        if (body.tooLarge()) {
            throw new JamaException(
                    Reason.MALFORMED_RESPONSE,
                    Messages.JamaException_tooLarge(uri, String.valueOf(JamaHttp.MAX_BODY_BYTES)));
        }
        if (html) {
            throw new JamaException(Reason.NOT_JAMA, Messages.JamaException_htmlPage(uri, code));
        }
        if (status < 200 || status >= 300) {
            throw new JamaException(Reason.NOT_JAMA, Messages.JamaException_unexpectedStatus(uri, code));
        }
        if (body.text().isBlank()) {
            throw new JamaException(Reason.MALFORMED_RESPONSE, Messages.JamaException_emptyAnswer(uri, code));
        }
        String type = contentType(response);
        JsonNode node = type.contains("json") || type.isEmpty() ? parse(body) : null;
        if (node == null) {
            throw new JamaException(Reason.NOT_JAMA, Messages.JamaException_notJson(uri, code));
        }
        if (!node.isObject()) {
            throw new JamaException(Reason.MALFORMED_RESPONSE, Messages.JamaException_notAnObject(uri, code));
        }
        return node;
    }

    /**
     * An HTTP proxy answered 407. Java sends no Basic proxy password when it opens a tunnel for {@code https} unless
     * the Jenkins JVM was started with {@value #TUNNELING_DISABLED_SCHEMES} set to leave Basic out; that case is
     * named, as no setting of this plugin can change it.
     *
     * @param sent the credentials sent to the proxy, if any
     */
    static JamaException proxyRefused(URI uri, @CheckForNull ProxyCredentials sent) {
        return new JamaException(
                Reason.PROXY_REFUSED,
                sent == null
                        ? Messages.JamaException_proxyNeedsCredentials(uri)
                        : "https".equals(uri.getScheme()) && basicDisabledForTunnels()
                                ? Messages.JamaException_proxyTunnelBasicDisabled(uri, TUNNELING_DISABLED_SCHEMES)
                                : Messages.JamaException_proxyRefused(uri));
    }

    /** Unset means the JDK's default in {@code conf/net.properties}, which disables Basic. */
    private static boolean basicDisabledForTunnels() {
        String schemes = System.getProperty(TUNNELING_DISABLED_SCHEMES, "Basic");
        return Arrays.stream(schemes.split(","))
                .anyMatch(scheme -> scheme.strip().equalsIgnoreCase("Basic"));
    }

    /** Names only the target's host: its path and query may carry anything, such as the credentials just sent. */
    private static JamaException redirected(
            URI uri, HttpResponse<Body> response, String code, Predicate<String> hidden) {
        String location = response.headers().firstValue("Location").orElse("");
        URI target;
        try {
            target = uri.resolve(location.strip());
        } catch (IllegalArgumentException e) {
            target = null;
        }
        if (location.isBlank() || target == null || target.getHost() == null) {
            return new JamaException(Reason.REDIRECTED, Messages.JamaException_redirectedNowhere(uri, code));
        }
        String host = target.getHost().toLowerCase(Locale.ROOT);
        if (hidden.test(host)) {
            return new JamaException(Reason.REDIRECTED, Messages.JamaException_redirectedHidden(uri, code));
        }
        String shown = host.length() > MAX_HOST ? host.substring(0, MAX_HOST) + "…" : host;
        return new JamaException(Reason.REDIRECTED, Messages.JamaException_redirected(uri, code, shown));
    }

    private static String contentType(HttpResponse<?> response) {
        return response.headers()
                .firstValue("Content-Type")
                .orElse("")
                .toLowerCase(Locale.ROOT)
                .strip();
    }

    /** @return any JSON value, or {@code null} when the body is not JSON */
    private static JsonNode parse(Body body) {
        try {
            JsonNode node = JSON.readTree(body.text());
            return node == null || node.isMissingNode() ? null : node;
        } catch (IOException e) {
            // Jackson's message quotes the body, which may hold a token: only the fact is kept.
            return null;
        }
    }

    /** The OAuth {@code error} code of a 400 or 401 answer, when it is a known one and repeats no secret. */
    private static String errorCode(Body body, Predicate<String> hidden) {
        JsonNode node = parse(body);
        // A missing or non-text error reads as no code, or as a number or an empty text, none of them a known code.
        String code = node == null ? "" : node.path("error").asText().toLowerCase(Locale.ROOT);
        return OAUTH_ERROR_CODES.contains(code) && !hidden.test(code) ? code : Messages.JamaException_noErrorCode();
    }

    /**
     * Assumed when {@code expires_in} is missing. Jama sends 3599, so this only matters for an unusual server: a
     * short guess costs an extra mint now and then, a long one would hand builds tokens that Jama already refuses.
     */
    private static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofMinutes(5);

    /** Longer claims are cut to this, so a wrong {@code expires_in} cannot pin a token in the cache for years. */
    private static final Duration MAX_TOKEN_LIFETIME = Duration.ofDays(1);

    /** Visible ASCII only: the value goes into an {@code Authorization} header and a masked build variable. */
    private static final Pattern TOKEN_CHARS = Pattern.compile("[\\x21-\\x7E]+");

    /**
     * @param requestedAt the clock reading taken before the request was sent, so the expiry errs early
     * @param answeredAt when the answer arrived: a token whose lifetime, counted from the request, ended before then is
     *     refused, as no caller could use it and a cache would hand it out with nothing left
     */
    static AccessToken token(JsonNode body, URI uri, Instant requestedAt, Instant answeredAt) throws JamaException {
        JsonNode token = body.path("access_token");
        if (!token.isTextual() || token.asText().isBlank()) {
            throw malformedToken(uri, Messages.TokenResponse_missingToken());
        }
        if (!TOKEN_CHARS.matcher(token.asText()).matches()) {
            throw malformedToken(uri, Messages.TokenResponse_badTokenValue());
        }
        if (!body.path("token_type").asText().equalsIgnoreCase("bearer")) {
            throw malformedToken(uri, Messages.TokenResponse_tokenType());
        }
        Duration lifetime = lifetime(body.get("expires_in"), uri);
        if (!requestedAt.plus(lifetime).isAfter(answeredAt)) {
            BigDecimal took = BigDecimal.valueOf(
                            Duration.between(requestedAt, answeredAt).toMillis(), 3)
                    .stripTrailingZeros();
            throw new JamaException(
                    Reason.EXPIRED_ON_ARRIVAL,
                    Messages.JamaException_expiredOnArrival(uri, lifetime.toSeconds(), took.toPlainString(), took));
        }
        return new AccessToken(token.asText(), requestedAt.plus(lifetime));
    }

    private static Duration lifetime(JsonNode expiresIn, URI uri) throws JamaException {
        if (expiresIn == null || expiresIn.isNull()) {
            return DEFAULT_TOKEN_LIFETIME;
        }
        long seconds = expiresIn.isIntegralNumber() && expiresIn.canConvertToLong()
                ? expiresIn.asLong()
                : expiresIn.isTextual() && expiresIn.asText().matches("\\d{1,12}")
                        ? Long.parseLong(expiresIn.asText())
                        : 0;
        if (seconds <= 0) {
            throw malformedToken(uri, Messages.TokenResponse_expiresIn());
        }
        Duration lifetime = Duration.ofSeconds(seconds);
        return lifetime.compareTo(MAX_TOKEN_LIFETIME) > 0 ? MAX_TOKEN_LIFETIME : lifetime;
    }

    private static JamaException malformedToken(URI uri, String detail) {
        return new JamaException(Reason.MALFORMED_RESPONSE, Messages.JamaException_malformed(uri, detail));
    }

    /** @param hidden what must not be shown: a user name or licence type containing one is refused */
    static JamaUser user(HttpResponse<Body> response, Instant now, Predicate<String> hidden) throws JamaException {
        URI uri = response.request().uri();
        JsonNode body = json(Call.CURRENT_USER, uri, response, now, hidden);
        JsonNode username = body.path("data").path("username");
        if (!body.path("meta").path("status").asText().equalsIgnoreCase("OK")
                || !username.isTextual()
                || username.asText().isBlank()) {
            throw new JamaException(Reason.MALFORMED_RESPONSE, Messages.JamaException_notAUser(uri));
        }
        JsonNode licenseType = body.path("data").path("licenseType");
        String licence = licenseType.isTextual() ? licenseType.asText() : null;
        if (hidden.test(username.asText()) || (licence != null && hidden.test(licence))) {
            throw new JamaException(Reason.MALFORMED_RESPONSE, Messages.JamaException_userRepeatsCredential(uri));
        }
        return new JamaUser(username.asText(), licence);
    }

    /**
     * Longer waits are cut to this. Any wait past the retry deadline ends the retries anyway; the cut keeps
     * arithmetic on a value from the server (up to {@code 9223372036854775807} seconds, or the year 9999) from
     * overflowing.
     */
    private static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

    /**
     * Reads a {@code Retry-After} header: delay seconds or an HTTP date (RFC 9110 section 10.2.3).
     *
     * @return the wait it asks for, between zero and {@link #MAX_RETRY_AFTER}, or {@code null} when absent or unreadable */
    static Duration retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        if (value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            String digits = value.replaceFirst("^0+(?=.)", "");
            return digits.length() > 6 ? MAX_RETRY_AFTER : atMostADay(Duration.ofSeconds(Long.parseLong(digits)));
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            return at.isAfter(now) ? atMostADay(Duration.between(now, at)) : Duration.ZERO;
        } catch (DateTimeException | ArithmeticException e) {
            return null;
        }
    }

    private static Duration atMostADay(Duration wait) {
        return wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait;
    }
}
