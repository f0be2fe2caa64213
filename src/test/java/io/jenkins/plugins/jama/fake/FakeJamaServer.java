package io.jenkins.plugins.jama.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.jenkins.plugins.jama.client.JamaHttp;
import io.jenkins.plugins.jama.client.JamaTokenClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;

/**
 * A Jama Connect stand-in for tests: the token endpoint and {@code GET /rest/v1/users/current}, over HTTPS with a
 * certificate made at test time, or plain HTTP. It listens on the loopback address only, on a free port, with a
 * few threads, and holds a slow answer for at most 30 seconds.
 *
 * <pre>
 * try (FakeJamaServer jama = FakeJamaServer.https().contextPath("/contour").start()) {
 *     HttpClient http = jama.newHttpClient();
 *     ... jama.baseUrl(), jama.clientId(), jama.clientSecret(), jama.mints() ...
 * }
 * </pre>
 */
public final class FakeJamaServer implements AutoCloseable {

    public static final String CLIENT_ID = "rbfogo319n6ibtb";
    public static final String USERNAME = "jenkins-service";
    private static final int MAX_REQUEST_BYTES = 64 * 1024;
    private static final int MAX_TOKENS = 10_000;
    private static final Duration MAX_HOLD = Duration.ofSeconds(30);

    static {
        // The JDK server writes headers and body separately; with Nagle's algorithm on, the body then waits for the
        // client's delayed ACK (about 40 ms) and every answer would be that slow. Read once, when the first server
        // of the JVM starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final Options options;
    private final SecureRandom random = new SecureRandom();
    /**
     * Its own for each server: the shared token cache outlives a test, and a later server may get this one's port, so
     * only the secret keeps their cache keys apart. Letters and digits, as Jama's.
     */
    private final String clientSecret = random.ints(25, 0, 36)
            .mapToObj(i -> Character.toString(Character.forDigit(i, 36)))
            .collect(Collectors.joining());

    private final Deque<TokenMode> script = new ArrayDeque<>();
    private final Set<String> validTokens =
            Collections.newSetFromMap(Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > MAX_TOKENS;
                }
            }));
    private final CountDownLatch slowRelease = new CountDownLatch(1);
    private final AtomicInteger mints = new AtomicInteger();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final AtomicInteger userRequests = new AtomicInteger();
    private volatile TokenMode tokenMode = TokenMode.TOKEN_2024;
    private volatile UserMode userMode = UserMode.CHECK_TOKEN;
    private volatile long expiresInSeconds = 3599;
    private volatile String retryAfter = "1";
    private volatile int oversizedErrorStatus = 401;
    private volatile Runnable onTokenRequest = () -> {};
    private volatile Runnable onUserRequest = () -> {};
    private volatile RecordedRequest lastTokenRequest;
    private volatile String lastIssuedToken;
    private final AtomicReference<String> nextToken = new AtomicReference<>();

    /** What the last token request carried, for tests that check the wire format. */
    public record RecordedRequest(
            String method,
            String authorization,
            String contentType,
            String accept,
            String userAgent,
            String body,
            String proxyAuthorization) {}

    private FakeJamaServer(Options options) throws IOException {
        this.options = options;
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        if (options.https) {
            HttpsServer https = HttpsServer.create(loopback, 50);
            https.setHttpsConfigurator(
                    new HttpsConfigurator(SelfSignedCertificate.get().serverContext()));
            server = https;
        } else {
            server = HttpServer.create(loopback, 50);
        }
        threads = Executors.newFixedThreadPool(8, runnable -> {
            Thread thread = new Thread(runnable, "fake-jama");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public static Options https() {
        return new Options(true);
    }

    public static Options http() {
        return new Options(false);
    }

    /** How to start one. */
    public static final class Options {
        private final boolean https;
        private String contextPath = "";
        private boolean echoCredentials;

        private Options(boolean https) {
            this.https = https;
        }

        /** Such as {@code /contour}; Jama then lives only below it. */
        public Options contextPath(String path) {
            this.contextPath = path;
            return this;
        }

        /**
         * Makes every error answer quote the credentials or token it received, as a hostile or broken server might,
         * to prove that the client never shows them.
         */
        public Options echoCredentials() {
            this.echoCredentials = true;
            return this;
        }

        public FakeJamaServer start() {
            try {
                return new FakeJamaServer(this);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    // ---- what tests use

    /** Such as {@code https://127.0.0.1:41234/contour}. */
    public String baseUrl() {
        return (options.https ? "https" : "http") + "://127.0.0.1:"
                + server.getAddress().getPort() + options.contextPath;
    }

    public URI tokenUri() {
        return URI.create(baseUrl() + "/rest/oauth/token");
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String clientId() {
        return CLIENT_ID;
    }

    public String clientSecret() {
        return clientSecret;
    }

    /** The TLS context a client needs to trust this server; {@code null} for plain HTTP. */
    public SSLContext clientSslContext() {
        return options.https ? SelfSignedCertificate.get().clientContext() : null;
    }

    /** A client that trusts this server's certificate and never follows redirects. */
    public HttpClient newHttpClient() {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5));
        if (options.https) {
            builder.sslContext(SelfSignedCertificate.get().clientContext());
        }
        return builder.build();
    }

    /** A token client for this server, on {@code clock} and waiting with {@code sleeper}, with no proxy. */
    public JamaTokenClient newTokenClient(JamaHttp.Limits limits, Clock clock, JamaHttp.Sleeper sleeper) {
        return new JamaTokenClient(new JamaHttp(newHttpClient(), null, limits, "test", clock, sleeper));
    }

    /** How every token request is answered once the {@link #thenAnswer scripted} answers are used up. */
    public FakeJamaServer tokenMode(TokenMode mode) {
        this.tokenMode = mode;
        return this;
    }

    /** Answers for the next token requests, one each, before falling back to {@link #tokenMode}. */
    public FakeJamaServer thenAnswer(TokenMode... modes) {
        synchronized (script) {
            Collections.addAll(script, modes);
        }
        return this;
    }

    public FakeJamaServer userMode(UserMode mode) {
        this.userMode = mode;
        return this;
    }

    /** The {@code expires_in} of the tokens it issues; short values drive refresh tests. */
    public FakeJamaServer expiresIn(Duration lifetime) {
        this.expiresInSeconds = lifetime.toSeconds();
        return this;
    }

    /**
     * The {@code Retry-After} value of {@link TokenMode#RATE_LIMITED_WITH_RETRY_AFTER} and
     * {@link TokenMode#UNAVAILABLE_WITH_RETRY_AFTER}: seconds or an HTTP date.
     */
    public FakeJamaServer retryAfter(String value) {
        this.retryAfter = value;
        return this;
    }

    /**
     * Runs {@code action} on every token request before it is answered, on the server's thread: for example moving
     * a {@link ManualClock} to stand for an answer that takes that long.
     */
    public FakeJamaServer onTokenRequest(Runnable action) {
        this.onTokenRequest = action;
        return this;
    }

    /** Like {@link #onTokenRequest}, for {@code GET /rest/v1/users/current}. */
    public FakeJamaServer onUserRequest(Runnable action) {
        this.onUserRequest = action;
        return this;
    }

    /** The status of {@link TokenMode#OVERSIZED_ERROR}. */
    public FakeJamaServer oversizedErrorStatus(int status) {
        this.oversizedErrorStatus = status;
        return this;
    }

    /** Lets every held {@link TokenMode#SLOW} answer go. */
    public void releaseSlowAnswers() {
        slowRelease.countDown();
    }

    /**
     * The value of the next token it issues; later ones are random again. For tests that must know a token before a
     * build sees it, such as one that prints its Base64 form without a {@code base64} command on the agent.
     */
    public FakeJamaServer nextToken(String value) {
        nextToken.set(value);
        return this;
    }

    /** Tokens issued. */
    public int mints() {
        return mints.get();
    }

    /** Requests to the token endpoint, answered or not. */
    public int tokenRequests() {
        return tokenRequests.get();
    }

    public int userRequests() {
        return userRequests.get();
    }

    public RecordedRequest lastTokenRequest() {
        return lastTokenRequest;
    }

    /** The value of the token it issued last, for tests that prove it shows up nowhere. */
    public String lastIssuedToken() {
        return lastIssuedToken;
    }

    /** Makes {@code users/current} refuse a token it issued, as Jama does once a credential is deleted. */
    public void revoke(String token) {
        validTokens.remove(token);
    }

    @Override
    public void close() {
        slowRelease.countDown();
        server.stop(0);
        threads.shutdownNow();
    }

    // ---- serving

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            if (path.equals(options.contextPath + "/rest/oauth/token")) {
                token(exchange);
            } else if (path.equals(options.contextPath + "/rest/v1/users/current")) {
                currentUser(exchange);
            } else if (path.equals(options.contextPath + "/login.req")) {
                send(exchange, 200, "text/html;charset=UTF-8", loginPage(""));
            } else {
                send(exchange, 404, "text/html;charset=UTF-8", "<html><body><h1>Not Found</h1></body></html>");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void token(HttpExchange exchange) throws IOException, InterruptedException {
        tokenRequests.incrementAndGet();
        String body = readBody(exchange);
        onTokenRequest.run();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        lastTokenRequest = new RecordedRequest(
                exchange.getRequestMethod(),
                authorization,
                exchange.getRequestHeaders().getFirst("Content-Type"),
                exchange.getRequestHeaders().getFirst("Accept"),
                exchange.getRequestHeaders().getFirst("User-Agent"),
                body,
                exchange.getRequestHeaders().getFirst("Proxy-Authorization"));
        String echo = options.echoCredentials ? " " + authorization + " " + decodeBasic(authorization) : "";
        TokenMode mode = nextMode();
        switch (mode) {
            case TOKEN_2024, TOKEN_LEGACY -> issue(exchange, mode, authorization, body, echo);
            case SLOW -> {
                if (!slowRelease.await(MAX_HOLD.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
                issue(exchange, TokenMode.TOKEN_2024, authorization, body, echo);
            }
            case INVALID_CLIENT -> sendJson(exchange, 401, oauthError("invalid_client", echo));
            case UNSUPPORTED_GRANT -> sendJson(exchange, 400, oauthError("unsupported_grant_type", echo));
            case INVALID_CLIENT_ECHOING_SECRET ->
                sendJson(exchange, 401, "{\"error\":\"" + json(password(authorization)) + "\"}");
            case BAD_REQUEST_ECHOING_SECRET ->
                sendJson(exchange, 400, "{\"error\":\"" + json(password(authorization)) + "\"}");
            case INVALID_CLIENT_SPRING_BOOT ->
                sendJson(
                        exchange,
                        401,
                        "{\"timestamp\":1735812000000,\"status\":401,\"error\":\"Unauthorized\","
                                + "\"message\":\"Bad credentials\",\"path\":\"/oauth/token\"}");
            case REDIRECT_ECHOING_SECRET -> {
                String secret = password(authorization);
                redirect(
                        exchange,
                        307,
                        "https://" + secret + ".jama.other.example/" + secret + "/rest/oauth/token?secret=" + secret
                                + "#" + secret);
            }
            case HTML_LOGIN_PAGE -> send(exchange, 200, "text/html;charset=UTF-8", loginPage(echo));
            case REDIRECT_TO_LOGIN -> redirect(exchange, 302, options.contextPath + "/login.req");
            case REDIRECT_TO_OTHER_HOST ->
                redirect(
                        exchange,
                        307,
                        options.echoCredentials
                                ? "https://" + decodeBasic(authorization) + "@jama.other.example/rest/oauth/token?"
                                        + body + "&auth=" + decodeBasic(authorization)
                                : "https://jama.other.example/rest/oauth/token");
            case FORBIDDEN_NOT_PERMITTED -> sendJson(exchange, 403, notPermitted(echo));
            case RATE_LIMITED_WITH_RETRY_AFTER -> {
                exchange.getResponseHeaders().set("Retry-After", retryAfter);
                sendJson(exchange, 429, meta("Too Many Requests", "Rate limit exceeded" + echo));
            }
            case UNAVAILABLE_WITH_RETRY_AFTER -> {
                exchange.getResponseHeaders().set("Retry-After", retryAfter);
                sendJson(exchange, 503, meta("Service Unavailable", "Maintenance" + echo));
            }
            case RATE_LIMITED -> sendJson(exchange, 429, meta("Too Many Requests", "Rate limit exceeded" + echo));
            case SERVER_ERROR -> sendJson(exchange, 500, meta("Internal Server Error", "Unexpected error" + echo));
            case BAD_GATEWAY ->
                send(exchange, 502, "text/html", "<html><body>502 Bad Gateway" + echo + "</body></html>");
            case DROP_CONNECTION -> {
                // Closing an exchange before its headers are sent closes the connection: the client sees no answer.
            }
            case OVERSIZED_BODY -> sendJson(exchange, 200, "{\"padding\":\"" + "x".repeat(1 << 20) + "\"}");
            case WRONG_TOKEN_TYPE ->
                sendJson(
                        exchange,
                        200,
                        "{\"access_token\":\"" + newToken() + "\",\"token_type\":\"mac\",\"expires_in\":3599}");
            case MISSING_ACCESS_TOKEN -> sendJson(exchange, 200, "{\"token_type\":\"Bearer\",\"expires_in\":3599}");
            case NOT_JSON -> send(exchange, 200, "text/plain", "OK" + echo);
            case EMPTY_BODY -> sendJson(exchange, 200, "");
            case JSON_ARRAY -> sendJson(exchange, 200, "[]");
            case TOKEN_WITH_BOM -> issue(exchange, mode, authorization, body, echo);
            case OVERSIZED_ERROR ->
                sendJson(
                        exchange,
                        oversizedErrorStatus,
                        "{\"error\":\"invalid_client\",\"padding\":\"" + "x".repeat(1 << 20) + "\"}");
            default -> throw new IllegalStateException(mode.name());
        }
    }

    private void issue(HttpExchange exchange, TokenMode mode, String authorization, String body, String echo)
            throws IOException {
        if (!("Basic " + basic(CLIENT_ID, clientSecret)).equals(authorization)) {
            sendJson(exchange, 401, oauthError("invalid_client", echo));
            return;
        }
        String grant = formValue(body, "grant_type");
        if (grant == null) {
            sendJson(exchange, 400, oauthError("invalid_request", echo));
            return;
        }
        if (!grant.equals("client_credentials")) {
            sendJson(exchange, 400, oauthError("unsupported_grant_type", echo));
            return;
        }
        String token = newToken();
        if (mode == TokenMode.TOKEN_LEGACY) {
            sendJson(
                    exchange,
                    200,
                    "{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"expires_in\":"
                            + expiresInSeconds
                            + ",\"scope\":\"token_information\",\"application_data\":{\"JAMA_CORE\":\""
                            + USERNAME
                            + "\"},\"tenant\":\"jamatenant00000\",\"jti\":\"5dcb814c-d31c-438b-95b7-c7f30bdfcbd2\"}");
        } else {
            sendJson(
                    exchange,
                    200,
                    (mode == TokenMode.TOKEN_WITH_BOM ? "\uFEFF" : "") + "{\"access_token\":\"" + token
                            + "\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresInSeconds + "}");
        }
    }

    private String newToken() {
        String token = nextToken.getAndSet(null);
        if (token == null) {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            token = "fake." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
        validTokens.add(token);
        lastIssuedToken = token;
        mints.incrementAndGet();
        return token;
    }

    private void currentUser(HttpExchange exchange) throws IOException {
        userRequests.incrementAndGet();
        readBody(exchange);
        onUserRequest.run();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String echo = options.echoCredentials ? " " + authorization : "";
        switch (userMode) {
            case FORBIDDEN_NOT_PERMITTED -> sendJson(exchange, 403, notPermitted(echo));
            case HTML_LOGIN_PAGE -> send(exchange, 200, "text/html;charset=UTF-8", loginPage(echo));
            case NOT_A_USER -> sendJson(exchange, 200, "{\"meta\":{\"status\":\"OK\"},\"data\":{\"id\":5}}");
            case USERNAME_IS_TOKEN -> sendJson(exchange, 200, user(json(bearer(authorization)), "NAMED"));
            case LICENCE_TYPE_IS_TOKEN -> sendJson(exchange, 200, user(USERNAME, json(bearer(authorization))));
            case REDIRECT_ECHOING_TOKEN -> {
                String token = bearer(authorization);
                redirect(exchange, 302, "https://" + token + ".login.example/" + token + "?token=" + token);
            }
            default -> {
                if (userMode == UserMode.REJECT_TOKEN || !validTokens.contains(bearer(authorization))) {
                    sendJson(exchange, 401, meta("Unauthorized", "Invalid access token" + echo));
                    return;
                }
                sendJson(exchange, 200, user(USERNAME, "NAMED"));
            }
        }
    }

    private static String bearer(String authorization) {
        return authorization != null && authorization.startsWith("Bearer ")
                ? authorization.substring("Bearer ".length())
                : "";
    }

    private static String user(String username, String licenseType) {
        return "{\"meta\":{\"status\":\"OK\",\"timestamp\":\"2026-01-02T10:00:00.000+0000\"},\"links\":{},"
                + "\"data\":{\"id\":5,\"username\":\"" + username + "\",\"firstName\":\"Jenkins\","
                + "\"lastName\":\"Service\",\"email\":\"jenkins@example.com\",\"licenseType\":\"" + licenseType
                + "\",\"active\":true,\"type\":\"users\"}}";
    }

    private TokenMode nextMode() {
        synchronized (script) {
            TokenMode scripted = script.poll();
            return scripted != null ? scripted : tokenMode;
        }
    }

    // ---- bodies

    private static String oauthError(String code, String echo) {
        return echo.isEmpty()
                ? "{\"error\":\"" + code + "\"}"
                : "{\"error\":\"" + code + "\",\"error_description\":\"" + json(echo) + "\"}";
    }

    private static String notPermitted(String echo) {
        return meta("Forbidden", "This user is not permitted to use the API" + echo);
    }

    private static String meta(String status, String message) {
        return "{\"meta\":{\"status\":\"" + status + "\",\"timestamp\":\"2026-01-02T10:00:00.000+0000\",\"message\":\""
                + json(message) + "\"}}";
    }

    private static String loginPage(String echo) {
        return "<!DOCTYPE html><html><head><title>Jama Connect - Login</title></head><body>"
                + "<form action=\"j_acegi_security_check\" method=\"post\"><input name=\"j_username\">"
                + "<input type=\"password\" name=\"j_password\"></form>" + echo + "</body></html>";
    }

    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    static String basic(String user, String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeBasic(String authorization) {
        if (authorization == null || !authorization.startsWith("Basic ")) {
            return "";
        }
        try {
            return new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** The password (client secret) of a Basic header. */
    private static String password(String authorization) {
        String decoded = decodeBasic(authorization);
        return decoded.substring(decoded.indexOf(':') + 1);
    }

    private static String formValue(String form, String name) {
        for (String pair : form.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0
                    && URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8)
                            .equals(name)) {
                return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    // ---- plumbing

    private static String readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_REQUEST_BYTES);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static void redirect(HttpExchange exchange, int status, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        send(exchange, status, "text/html", "<html><body>Moved</body></html>");
    }

    private static void sendJson(HttpExchange exchange, int status, String body) throws IOException {
        send(exchange, status, "application/json;charset=UTF-8", body);
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        } catch (IOException e) {
            // The client may hang up first, for example after reading enough of an oversized body.
        }
    }
}
