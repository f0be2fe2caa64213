package io.jenkins.plugins.jama.client;

import com.fasterxml.jackson.databind.JsonNode;
import edu.umd.cs.findbugs.annotations.NonNull;
import io.jenkins.plugins.jama.client.ResponseReader.Call;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Exchanges Jama OAuth client credentials for bearer tokens, and asks Jama which user a token acts as. */
public final class JamaTokenClient implements TokenSource {

    private static final Logger LOGGER = Logger.getLogger(JamaTokenClient.class.getName());
    private static final String FORM = "grant_type=client_credentials";

    private final JamaHttp http;

    public JamaTokenClient(@NonNull JamaHttp http) {
        this.http = http;
    }

    /**
     * {@code POST {base}/rest/oauth/token} with {@code grant_type=client_credentials}, then {@code GET
     * {base}/rest/v1/users/current} with the new token, both within one deadline: whoever waits for the token never
     * waits longer for its user.
     *
     * @throws JamaException when no token was obtained; a failed user lookup only leaves the user unknown
     */
    @Override
    public @NonNull Minted mint(@NonNull ClientCredentials credentials) throws JamaException, InterruptedException {
        Instant start = http.now();
        String basic = Base64.getEncoder()
                .encodeToString(
                        (credentials.clientId() + ":" + credentials.clientSecret()).getBytes(StandardCharsets.UTF_8));
        URI tokenUri = credentials.baseUrl().tokenUri();
        HttpRequest.Builder tokenRequest = HttpRequest.newBuilder(tokenUri)
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(FORM, StandardCharsets.US_ASCII));
        AccessToken token = http.call(tokenRequest, tokenUri, start, (response, sentAt) -> {
            Instant answeredAt = http.now();
            JsonNode body = ResponseReader.json(
                    Call.TOKEN, tokenUri, response, answeredAt, http.hiding(credentials.clientSecret(), basic));
            return ResponseReader.token(body, tokenUri, sentAt, answeredAt);
        });
        LOGGER.log(Level.FINE, "Obtained a Jama token for {0}, {1}", new Object[] {credentials, token});
        URI userUri = credentials.baseUrl().currentUserUri();
        Predicate<String> hidden = http.hiding(credentials.clientSecret(), basic, token.value());
        try {
            JamaUser user = http.call(
                    HttpRequest.newBuilder(userUri)
                            .header("Authorization", "Bearer " + token.value())
                            .GET(),
                    userUri,
                    start,
                    (response, sentAt) -> ResponseReader.user(response, http.now(), hidden));
            return new Minted(token, user, null);
        } catch (JamaException e) {
            return new Minted(token, null, e);
        }
    }
}
