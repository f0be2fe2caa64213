package io.jenkins.plugins.jama.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One HTTP attempt, bounded in time (headers and body) and in body size. */
final class HttpCaller {

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
            throw NetworkFailures.map(e.getCause() == null ? e : e.getCause(), uri, timeout);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw NetworkFailures.map(new HttpTimeoutException("no complete answer"), uri, timeout);
        } catch (InterruptedException e) {
            answer.cancel(true);
            throw e;
        }
    }
}
