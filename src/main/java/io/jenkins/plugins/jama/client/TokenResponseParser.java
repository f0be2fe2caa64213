package io.jenkins.plugins.jama.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.jama.client.JamaException.Reason;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Reads Jama's token response. Both the 2024 body ({@code "token_type":"Bearer"}, no extras) and the legacy one
 * ({@code "bearer"}, plus {@code scope}, {@code tenant}, {@code jti}...) are accepted; unknown fields are ignored.
 */
final class TokenResponseParser {

    /**
     * Assumed when {@code expires_in} is missing. Jama sends 3599, so this only matters for an unusual server: a
     * short guess costs an extra mint now and then, a long one would hand builds tokens that Jama already refuses.
     */
    static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

    /** Longer claims are cut to this, so a wrong {@code expires_in} cannot pin a token in the cache for years. */
    static final Duration MAX_LIFETIME = Duration.ofDays(1);

    /** Visible ASCII only: the value goes into an {@code Authorization} header and a masked build variable. */
    private static final Pattern TOKEN_CHARS = Pattern.compile("[\\x21-\\x7E]+");

    private TokenResponseParser() {}

    /** @param requestedAt the clock reading taken before the request was sent, so the expiry errs early */
    static AccessToken parse(JsonNode body, URI uri, Instant requestedAt) throws JamaException {
        if (!body.isObject()) {
            throw malformed(uri, Messages.TokenResponse_notObject());
        }
        JsonNode token = body.get("access_token");
        if (token == null || !token.isTextual() || token.asText().isBlank()) {
            throw malformed(uri, Messages.TokenResponse_missingToken());
        }
        if (!TOKEN_CHARS.matcher(token.asText()).matches()) {
            throw malformed(uri, Messages.TokenResponse_badTokenValue());
        }
        JsonNode type = body.get("token_type");
        if (type == null || !type.isTextual() || !type.asText().equalsIgnoreCase("bearer")) {
            throw malformed(uri, Messages.TokenResponse_tokenType());
        }
        return new AccessToken(token.asText(), requestedAt.plus(lifetime(body.get("expires_in"), uri)));
    }

    private static Duration lifetime(JsonNode expiresIn, URI uri) throws JamaException {
        if (expiresIn == null || expiresIn.isNull()) {
            return DEFAULT_LIFETIME;
        }
        long seconds;
        if (expiresIn.isIntegralNumber() && expiresIn.canConvertToLong()) {
            seconds = expiresIn.asLong();
        } else if (expiresIn.isTextual() && expiresIn.asText().matches("\\d{1,12}")) {
            seconds = Long.parseLong(expiresIn.asText());
        } else {
            throw malformed(uri, Messages.TokenResponse_expiresIn());
        }
        if (seconds <= 0) {
            throw malformed(uri, Messages.TokenResponse_expiresIn());
        }
        Duration lifetime = Duration.ofSeconds(seconds);
        return lifetime.compareTo(MAX_LIFETIME) > 0 ? MAX_LIFETIME : lifetime;
    }

    private static JamaException malformed(URI uri, String detail) {
        return new JamaException(Reason.MALFORMED_RESPONSE, Messages.JamaException_malformed(uri, detail), uri, null);
    }
}
