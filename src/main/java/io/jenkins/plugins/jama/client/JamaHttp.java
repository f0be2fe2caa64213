package io.jenkins.plugins.jama.client;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import io.jenkins.plugins.jama.client.JamaException.Reason;
import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import javax.net.ssl.SSLException;

/**
 * HTTP calls to Jama. Each attempt is bounded in time and body size; a failure to reach Jama is named; attempts are
 * retried with exponential backoff and jitter, a {@code Retry-After} from Jama being a lower bound, until the deadline
 * that all calls of one exchange share. The JDK's exceptions carry host names and protocol details, never request
 * headers or bodies, so they are kept as the cause and their text may be shown.
 */
public final class JamaHttp {

    private static final Logger LOGGER = Logger.getLogger(JamaHttp.class.getName());

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(20);
    private static final long FIRST_BACKOFF_MILLIS = 2_000;
    private static final long MAX_BACKOFF_MILLIS = 15_000;
    /** A token or user answer is a few kilobytes. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private static final int MAX_DETAIL = 200;

    /** Waits between retries; tests pass one that only moves their clock. */
    @FunctionalInterface
    public interface Sleeper {

        Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

        void sleep(@NonNull Duration duration) throws InterruptedException;
    }

    /**
     * @param maxAttempts for each call, the first attempt included
     * @param deadline for all calls of one exchange, their attempts and the waits between them
     */
    public record Limits(int maxAttempts, @NonNull Duration deadline) {

        /** A build waits for its token, so a busy or rate-limited Jama is retried for up to a minute. */
        public static final Limits FOR_BUILDS = new Limits(5, Duration.ofSeconds(60));

        /** Someone is waiting at the Test Connection button: one attempt, answered within 20 seconds. */
        public static final Limits FOR_CONNECTION_TEST = new Limits(1, Duration.ofSeconds(20));
    }

    private final HttpClient http;

    @CheckForNull
    private final ProxyCredentials proxy;

    private final Limits limits;
    private final String userAgent;
    private final Clock clock;
    private final Sleeper sleeper;

    /**
     * @param http from {@link #newHttpClient}: it must not follow redirects, so credentials go only to the configured
     *     address
     * @param proxy sent to the HTTP proxy that {@code http} picks for a Jama address, if it picks one
     * @param pluginVersion named in the {@code User-Agent}
     * @param clock for token expiry and the deadline
     */
    public JamaHttp(
            @NonNull HttpClient http,
            @CheckForNull ProxyCredentials proxy,
            @NonNull Limits limits,
            @NonNull String pluginVersion,
            @NonNull Clock clock,
            @NonNull Sleeper sleeper) {
        if (http.followRedirects() != HttpClient.Redirect.NEVER) {
            throw new IllegalArgumentException("The HttpClient must not follow redirects (HttpClient.Redirect.NEVER)");
        }
        this.http = http;
        this.proxy = proxy;
        this.limits = limits;
        this.userAgent = "jama-credentials-plugin/" + pluginVersion + " (Jenkins; Java "
                + Runtime.version().feature() + ")";
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * A client that never follows redirects and has no {@link java.net.Authenticator} (see {@link ProxyCredentials}).
     *
     * @param proxy picks the proxy for each Jama address; {@code null} connects directly
     * @param trusted CAs trusted on top of the Java runtime's
     * @throws JamaException when the trusted certificates cannot be turned into a TLS context
     */
    public static @NonNull HttpClient newHttpClient(
            @CheckForNull ProxySelector proxy, @NonNull TrustedCertificates trusted) throws JamaException {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(CONNECT_TIMEOUT);
        if (proxy != null) {
            builder.proxy(proxy);
        }
        if (!trusted.isEmpty()) {
            builder.sslContext(trusted.sslContext());
        }
        return builder.build();
    }

    /** Reads an answer that arrived; {@code sentAt} is the clock reading taken just before its attempt was sent. */
    @FunctionalInterface
    interface Reader<T> {
        T read(HttpResponse<Body> response, Instant sentAt) throws JamaException;
    }

    /**
     * An answer body read up to {@link #MAX_BODY_BYTES}, as UTF-8 without a byte order mark (RFC 8259 lets a parser
     * ignore one, and some servers send it); a longer one is not read further and is only marked as too large.
     */
    record Body(String text, boolean tooLarge) {}

    Instant now() {
        return clock.instant();
    }

    /**
     * Whether a text from Jama (an error code, a redirect host, a user name) must not be shown because it contains one
     * of {@code values} (the secret and its Basic header, or the token) or the proxy password should a proxy echo it.
     * Case is ignored, as host names are shown in lower case; blank values are left out, as every text contains them.
     */
    Predicate<String> hiding(String... values) {
        List<String> hidden = Stream.concat(
                        Stream.of(values),
                        proxy == null ? Stream.of() : Stream.of(proxy.password(), proxy.basicHeader()))
                .filter(value -> value != null && !value.isBlank())
                .map(value -> value.toLowerCase(Locale.ROOT))
                .toList();
        return text -> hidden.stream().anyMatch(text.toLowerCase(Locale.ROOT)::contains);
    }

    /**
     * Sends {@code request} until an answer reads, a failure is not worth retrying, the attempts are used up, or the
     * next wait would end after the deadline of the exchange that began at {@code exchangeStart}. The last failure is
     * what the caller sees.
     */
    <T> T call(HttpRequest.Builder request, URI uri, Instant exchangeStart, Reader<T> reader)
            throws JamaException, InterruptedException {
        request.header("Accept", "application/json").header("User-Agent", userAgent);
        if (proxy != null && goesThroughProxy(uri)) {
            request.header("Proxy-Authorization", proxy.basicHeader());
        }
        Instant start = clock.instant();
        for (int attempt = 1; ; attempt++) {
            // Durations, not instants: nothing is added to a clock reading, so no value can overflow.
            Duration left = left(exchangeStart);
            if (attempt == 1 && left.toMillis() < 1) {
                throw new JamaException(
                        Reason.TIMEOUT, Messages.JamaException_deadlineUsedUp(uri, wholeSeconds(limits.deadline())));
            }
            Duration timeout = left.compareTo(ATTEMPT_TIMEOUT) < 0 ? left : ATTEMPT_TIMEOUT;
            try {
                return attempt(
                        request, uri, timeout.toMillis() < 1 ? Duration.ofMillis(1) : timeout, reader, start, attempt);
            } catch (RuntimeException e) {
                // A bug or an answer nobody foresaw; its message and stack trace may quote the answer, so neither
                // is kept.
                LOGGER.log(Level.WARNING, "Unexpected {0} from the call to {1}", new Object[] {
                    e.getClass().getName(), uri
                });
                throw new JamaException(
                        Reason.MALFORMED_RESPONSE,
                        Messages.JamaException_unexpected(uri, e.getClass().getSimpleName()));
            } catch (JamaException e) {
                Duration wait = backoff(attempt, e.getRetryAfter());
                if (!e.getReason().isRetryable()
                        || attempt >= limits.maxAttempts()
                        || wait.compareTo(left(exchangeStart)) >= 0) {
                    throw e;
                }
                LOGGER.log(Level.FINE, "Retrying {0} in {1} ms after {2}", new Object[] {
                    uri, wait.toMillis(), e.getReason()
                });
                sleeper.sleep(wait);
            }
        }
    }

    private Duration left(Instant exchangeStart) {
        return limits.deadline().minus(Duration.between(exchangeStart, clock.instant()));
    }

    /** @param start when the first attempt of this call began, and {@code attempt} the number of this one */
    private <T> T attempt(
            HttpRequest.Builder request, URI uri, Duration timeout, Reader<T> reader, Instant start, int attempt)
            throws JamaException, InterruptedException {
        Instant sentAt = clock.instant();
        CompletableFuture<HttpResponse<Body>> answer =
                http.sendAsync(request.timeout(timeout).build(), info -> new CappedSubscriber());
        HttpResponse<Body> response;
        try {
            response = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failure(e.getCause() == null ? e : e.getCause(), uri, start, attempt);
        } catch (TimeoutException e) {
            throw failure(new HttpTimeoutException("no complete answer"), uri, start, attempt);
        } finally {
            // Ends an attempt that timed out or was interrupted; nothing to do once the answer is complete.
            answer.cancel(true);
        }
        if (response.statusCode() == 407) {
            throw ResponseReader.proxyRefused(uri, proxy);
        }
        return reader.read(response, sentAt);
    }

    /**
     * Exponential backoff with jitter: before retry n the wait is {@code 2 s * 2^(n-1)}, at most 15 s, scaled by a
     * random factor in [0.5, 1) so that builds failing together do not retry together.
     */
    private static Duration backoff(int retry, @CheckForNull Duration retryAfter) {
        long capped = Math.min(MAX_BACKOFF_MILLIS, FIRST_BACKOFF_MILLIS << Math.min(retry - 1, 30));
        Duration jittered = Duration.ofMillis(
                (long) (capped * (0.5 + 0.5 * ThreadLocalRandom.current().nextDouble())));
        return retryAfter != null && retryAfter.compareTo(jittered) > 0 ? retryAfter : jittered;
    }

    private boolean goesThroughProxy(URI uri) {
        return http.proxy()
                .map(selector -> selector.select(uri).stream().anyMatch(p -> p.type() == Proxy.Type.HTTP))
                .orElse(false);
    }

    private JamaException failure(Throwable failure, URI uri, Instant start, int attempts) {
        if (find(failure, HttpTimeoutException.class) != null) {
            // Jama did not answer in time (not an HTTP 408): named with the time waited in all and the attempts made,
            // should this attempt be the last, not with its own time-out.
            long waited = wholeSeconds(Duration.between(start, clock.instant()));
            return new JamaException(Reason.TIMEOUT, Messages.JamaException_timeout(uri, waited, attempts), failure);
        }
        if (find(failure, UnresolvedAddressException.class) != null
                || find(failure, UnknownHostException.class) != null) {
            return new JamaException(
                    Reason.UNKNOWN_HOST, Messages.JamaException_unknownHost(uri, uri.getHost()), failure);
        }
        SSLException tls = find(failure, SSLException.class);
        if (tls != null) {
            return new JamaException(Reason.TLS_FAILURE, Messages.JamaException_tls(uri, detail(tls)), failure);
        }
        if (find(failure, ConnectException.class) != null) {
            return new JamaException(Reason.CONNECTION_REFUSED, Messages.JamaException_connectionRefused(uri), failure);
        }
        return new JamaException(Reason.NETWORK, Messages.JamaException_network(uri, detail(failure)), failure);
    }

    /** How messages state a time: whole seconds, rounded up, and never 0, which would read as no wait at all. */
    private static long wholeSeconds(Duration duration) {
        return Math.max(1, duration.getSeconds() + (duration.getNano() > 0 ? 1 : 0));
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String detail(Throwable failure) {
        String message = failure.getMessage();
        String text = failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + "…" : text;
    }

    private static final class CappedSubscriber implements HttpResponse.BodySubscriber<Body> {

        private final ByteArrayOutputStream read = new ByteArrayOutputStream();
        private final CompletableFuture<Body> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        @Override
        public CompletionStage<Body> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer item : items) {
                if (result.isDone()) {
                    return;
                }
                if (read.size() + item.remaining() > MAX_BODY_BYTES) {
                    subscription.cancel();
                    result.complete(new Body("", true));
                    return;
                }
                byte[] part = new byte[item.remaining()];
                item.get(part);
                read.writeBytes(part);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            String text = read.toString(StandardCharsets.UTF_8);
            result.complete(new Body(text.startsWith("\uFEFF") ? text.substring(1) : text, false));
        }
    }
}
