package io.jenkins.plugins.jama.client;

import io.jenkins.plugins.jama.client.JamaException.Reason;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * One HTTP attempt, bounded in time (headers and body) and in body size, and what its failure to reach Jama means.
 * The JDK's exceptions here carry host names and protocol details, never request headers or bodies, so they are kept
 * as the cause and their text may be shown.
 */
final class HttpCaller {

    private static final int MAX_DETAIL = 200;

    private final HttpClient http;
    private final int maxBodyBytes;

    HttpCaller(HttpClient http, int maxBodyBytes) {
        this.http = http;
        this.maxBodyBytes = maxBodyBytes;
    }

    HttpResponse<CappedBody> send(HttpRequest.Builder request, URI uri, Duration timeout)
            throws JamaException, InterruptedException {
        CompletableFuture<HttpResponse<CappedBody>> answer =
                http.sendAsync(request.timeout(timeout).build(), CappedBody.handler(maxBodyBytes));
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failure(e.getCause() == null ? e : e.getCause(), uri, timeout);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw failure(new HttpTimeoutException("no complete answer"), uri, timeout);
        } catch (InterruptedException e) {
            answer.cancel(true);
            throw e;
        }
    }

    static JamaException failure(Throwable failure, URI uri, Duration timeout) {
        if (has(failure, HttpTimeoutException.class)) {
            return timedOut(uri, timeout, 1, failure);
        }
        if (has(failure, UnresolvedAddressException.class) || has(failure, UnknownHostException.class)) {
            return new JamaException(
                    Reason.UNKNOWN_HOST, Messages.JamaException_unknownHost(uri, uri.getHost()), uri, failure);
        }
        SSLException tls = find(failure, SSLException.class);
        if (tls != null) {
            return new JamaException(Reason.TLS_FAILURE, Messages.JamaException_tls(uri, detail(tls)), uri, failure);
        }
        if (has(failure, ConnectException.class)) {
            return new JamaException(
                    Reason.CONNECTION_REFUSED, Messages.JamaException_connectionRefused(uri), uri, failure);
        }
        return new JamaException(Reason.NETWORK, Messages.JamaException_network(uri, detail(failure)), uri, failure);
    }

    /** Whether Jama did not answer in time, as opposed to answering that it gave up waiting (HTTP 408). */
    static boolean isTimeout(JamaException e) {
        return e.getReason() == Reason.TIMEOUT && has(e, HttpTimeoutException.class);
    }

    /** @param waited from the start of the first attempt; shown in whole seconds, rounded up */
    static JamaException timedOut(URI uri, Duration waited, int attempts, Throwable cause) {
        return new JamaException(
                Reason.TIMEOUT,
                Messages.JamaException_timeout(uri, Deadline.wholeSeconds(waited), attempts),
                uri,
                cause);
    }

    private static boolean has(Throwable failure, Class<? extends Throwable> type) {
        return find(failure, type) != null;
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
}
