package io.jenkins.plugins.jama.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.jama.client.JamaException.Reason;
import java.net.URI;

/** Reads Jama's {@code {"meta":{"status":"OK"},"data":{"username":...}}} envelope for the current user. */
final class CurrentUserParser {

    private CurrentUserParser() {}

    /** @param secrets what must not be shown: a user name or licence type containing one is refused */
    static JamaUser parse(JsonNode body, URI uri, Secrets secrets) throws JamaException {
        JsonNode status = body.path("meta").path("status");
        JsonNode username = body.path("data").path("username");
        if (!status.isTextual() || !status.asText().equalsIgnoreCase("OK")) {
            throw malformed(uri);
        }
        if (!username.isTextual() || username.asText().isBlank()) {
            throw malformed(uri);
        }
        JsonNode licenseType = body.path("data").path("licenseType");
        String licence = licenseType.isTextual() ? licenseType.asText() : null;
        if (secrets.appearIn(username.asText()) || (licence != null && secrets.appearIn(licence))) {
            throw new JamaException(
                    Reason.MALFORMED_RESPONSE, Messages.JamaException_userRepeatsCredential(uri), uri, null);
        }
        return new JamaUser(username.asText(), licence);
    }

    private static JamaException malformed(URI uri) {
        return new JamaException(Reason.MALFORMED_RESPONSE, Messages.JamaException_notAUser(uri), uri, null);
    }
}
