package io.jenkins.plugins.jama.client;

import com.fasterxml.jackson.databind.JsonNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import io.jenkins.plugins.jama.client.ResponseReader.Call;
import java.math.BigDecimal;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Exchanges Jama OAuth client credentials for bearer tokens, and checks a token against the REST API. */
public final class JamaTokenClient implements TokenSource {

    private static final Logger LOGGER = Logger.getLogger(JamaTokenClient.class.getName());
    private static final String FORM = "grant_type=client_credentials";

    private final HttpClient http;
    private final HttpCaller caller;
    private final RetryLoop retries;
    private final ClientOptions options;
    private final Clock clock;

    @CheckForNull
    private final ProxyCredentials proxyCredentials;

    /** @param http from the caller, so Jenkins can pass one that honours its proxy settings */
    public JamaTokenClient(@NonNull HttpClient http) {
        this(http, ClientOptions.defaults(), Clock.systemUTC(), Sleeper.SYSTEM);
    }

    /**
     * @param http must not follow redirects: credentials go only to the configured address
     * @param clock for token expiry and the retry deadline
     * @param sleeper waits between retries
     */
    public JamaTokenClient(
            @NonNull HttpClient http, @NonNull ClientOptions options, @NonNull Clock clock, @NonNull Sleeper sleeper) {
        this(http, options, clock, sleeper, null);
    }

    /**
     * @param proxyCredentials sent to the HTTP proxy that {@code http}'s proxy selector picks for a Jama address, if
     *     it picks one; {@code http} must have no {@link java.net.Authenticator}
     */
    public JamaTokenClient(
            @NonNull HttpClient http,
            @NonNull ClientOptions options,
            @NonNull Clock clock,
            @NonNull Sleeper sleeper,
            @CheckForNull ProxyCredentials proxyCredentials) {
        this(http, options, clock, sleeper, RetryLoop.Backoff.of(options), proxyCredentials);
    }

    JamaTokenClient(
            HttpClient http,
            ClientOptions options,
            Clock clock,
            Sleeper sleeper,
            RetryLoop.Backoff backoff,
            @CheckForNull ProxyCredentials proxyCredentials) {
        if (http.followRedirects() != HttpClient.Redirect.NEVER) {
            throw new IllegalArgumentException("The HttpClient must not follow redirects (HttpClient.Redirect.NEVER)");
        }
        this.http = http;
        this.caller = new HttpCaller(http, options.maxBodyBytes());
        this.proxyCredentials = proxyCredentials;
        this.retries = new RetryLoop(options, backoff, clock, sleeper);
        this.options = options;
        this.clock = clock;
    }

    /**
     * A client for calls to Jama: it never follows redirects, so credentials go only to the configured address, and it
     * has no {@link java.net.Authenticator} (see {@link ProxyCredentials}).
     *
     * @param proxy picks the proxy for each Jama address; {@code null} connects directly
     * @param trusted CAs trusted on top of the Java runtime's
     * @throws JamaException when the trusted certificates cannot be turned into a TLS context
     */
    public static @NonNull HttpClient newHttpClient(
            @NonNull ClientOptions options, @CheckForNull ProxySelector proxy, @NonNull TrustedCertificates trusted)
            throws JamaException {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(options.connectTimeout());
        if (proxy != null) {
            builder.proxy(proxy);
        }
        if (!trusted.isEmpty()) {
            builder.sslContext(trusted.sslContext());
        }
        return builder.build();
    }

    /** {@code POST {base}/rest/oauth/token} with {@code grant_type=client_credentials}, retrying what is worth it. */
    public @NonNull AccessToken requestToken(@NonNull ClientCredentials credentials)
            throws JamaException, InterruptedException {
        return requestToken(credentials, retries.newDeadline());
    }

    @Override
    public @NonNull AccessToken mint(@NonNull ClientCredentials credentials)
            throws JamaException, InterruptedException {
        return requestToken(credentials);
    }

    @Override
    public @NonNull JamaUser userOf(@NonNull ClientCredentials credentials, @NonNull AccessToken token)
            throws JamaException, InterruptedException {
        return currentUser(credentials.baseUrl(), token);
    }

    /** {@code GET {base}/rest/v1/users/current} with the token: the cheapest proof that it works. */
    public @NonNull JamaUser currentUser(@NonNull JamaBaseUrl baseUrl, @NonNull AccessToken token)
            throws JamaException, InterruptedException {
        return currentUser(baseUrl, token, retries.newDeadline(), withProxy(Secrets.of(token.value())));
    }

    /**
     * A new token and the user it acts as, both within one {@link ClientOptions#deadline() deadline}: what a person
     * waiting for an answer needs, where {@link #requestToken} then {@link #currentUser} could take twice as long.
     */
    public @NonNull TokenAndUser requestTokenAndUser(@NonNull ClientCredentials credentials)
            throws JamaException, InterruptedException {
        Deadline deadline = retries.newDeadline();
        AccessToken token = requestToken(credentials, deadline);
        Secrets secrets = secretsOf(credentials).and(token.value());
        return new TokenAndUser(token, currentUser(credentials.baseUrl(), token, deadline, secrets));
    }

    private AccessToken requestToken(ClientCredentials credentials, Deadline deadline)
            throws JamaException, InterruptedException {
        URI uri = credentials.baseUrl().tokenUri();
        String basic = basic(credentials);
        Secrets secrets = secretsOf(credentials);
        AccessToken token = retries.run(uri, deadline, timeout -> {
            Instant requestedAt = clock.instant();
            HttpRequest.Builder request = request(uri)
                    .header("Authorization", "Basic " + basic)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(FORM, StandardCharsets.US_ASCII));
            HttpResponse<CappedBody> response = send(request, uri, timeout);
            Instant answeredAt = clock.instant();
            JsonNode body = ResponseReader.json(Call.TOKEN, uri, response, answeredAt, secrets);
            return refuseExpired(ResponseReader.token(body, uri, requestedAt), uri, requestedAt, answeredAt);
        });
        LOGGER.log(Level.FINE, "Obtained a Jama token for {0}, {1}", new Object[] {credentials, token});
        return token;
    }

    private JamaUser currentUser(JamaBaseUrl baseUrl, AccessToken token, Deadline deadline, Secrets secrets)
            throws JamaException, InterruptedException {
        URI uri = baseUrl.currentUserUri();
        return retries.run(uri, deadline, timeout -> {
            HttpRequest.Builder request = request(uri)
                    .header("Authorization", "Bearer " + token.value())
                    .GET();
            HttpResponse<CappedBody> response = send(request, uri, timeout);
            JsonNode body = ResponseReader.json(Call.CURRENT_USER, uri, response, clock.instant(), secrets);
            return ResponseReader.user(body, uri, secrets);
        });
    }

    /**
     * A token whose lifetime, counted from the request, ended before its answer arrived: no caller could use it, and
     * a cache would hand it out with nothing left.
     */
    private static AccessToken refuseExpired(AccessToken token, URI uri, Instant requestedAt, Instant answeredAt)
            throws JamaException {
        if (token.expiresAt().isAfter(answeredAt)) {
            return token;
        }
        Duration lifetime = Duration.between(requestedAt, token.expiresAt());
        BigDecimal took = BigDecimal.valueOf(
                        Duration.between(requestedAt, answeredAt).toMillis(), 3)
                .stripTrailingZeros();
        throw new JamaException(
                JamaException.Reason.MALFORMED_RESPONSE,
                Messages.JamaException_expiredOnArrival(uri, lifetime.toSeconds(), took.toPlainString(), took),
                uri,
                null);
    }

    private static String basic(ClientCredentials credentials) {
        return Base64.getEncoder()
                .encodeToString(
                        (credentials.clientId() + ":" + credentials.clientSecret()).getBytes(StandardCharsets.UTF_8));
    }

    private Secrets secretsOf(ClientCredentials credentials) {
        return withProxy(Secrets.of(credentials.clientSecret(), basic(credentials)));
    }

    /** An answer from the proxy rather than from Jama ends here, with what to fix in the proxy settings. */
    private HttpResponse<CappedBody> send(HttpRequest.Builder request, URI uri, Duration timeout)
            throws JamaException, InterruptedException {
        HttpResponse<CappedBody> response = caller.send(request, uri, timeout);
        if (response.statusCode() == 407) {
            throw ResponseReader.proxyRefused(uri, proxyCredentials);
        }
        return response;
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Accept", "application/json")
                .header("User-Agent", options.userAgent());
        if (proxyCredentials != null && goesThroughProxy(uri)) {
            request.header("Proxy-Authorization", proxyCredentials.basicHeader());
        }
        return request;
    }

    private boolean goesThroughProxy(URI uri) {
        return http.proxy()
                .map(selector -> selector.select(uri).stream().anyMatch(p -> p.type() == Proxy.Type.HTTP))
                .orElse(false);
    }

    /** What no message of this client may show: the proxy password too, should a proxy echo it. */
    private Secrets withProxy(Secrets secrets) {
        return proxyCredentials == null
                ? secrets
                : secrets.and(proxyCredentials.password(), proxyCredentials.basicHeader());
    }
}
