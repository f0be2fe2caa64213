package io.jenkins.plugins.jama.benchmarks;

import io.jenkins.plugins.jama.client.AccessToken;
import io.jenkins.plugins.jama.client.ClientCredentials;
import io.jenkins.plugins.jama.client.JamaBaseUrl;
import io.jenkins.plugins.jama.client.JamaException;
import io.jenkins.plugins.jama.client.ObtainedToken;
import io.jenkins.plugins.jama.client.TokenCache;
import io.jenkins.plugins.jama.client.TokenSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A cache hit as the {@code withJamaToken} step makes it: 50 minutes of validity wanted, a day-long token cached.
 * Sample-time mode gives the median (p0.50) of one call; throughput mode shows how the calls of all threads add up.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.SampleTime, Mode.Throughput})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class TokenCacheBenchmark {

    private static final Duration FIFTY_MINUTES = Duration.ofMinutes(50);

    /** A hit must never mint: if it did, the benchmark would fail loudly rather than measure the wrong thing. */
    private static final TokenSource NO_MINT = credentials -> {
        throw new IllegalStateException("a cache hit must not mint");
    };

    private TokenCache cache;
    private JamaBaseUrl url;
    private ClientCredentials credentials;

    @Setup
    public void fillCache() throws JamaException, InterruptedException {
        cache = new TokenCache(Clock.systemUTC(), 1000);
        url = JamaBaseUrl.parse("https://example.jamacloud.com");
        credentials = new ClientCredentials(url, "rbfogo319n6ibtb", "c4gj8xhzx5fyej16bzv9l1brh");
        cache.get(
                credentials,
                FIFTY_MINUTES,
                creds -> new TokenSource.Minted(
                        new AccessToken("benchmark-token", Instant.now().plus(Duration.ofDays(1))), null, null));
    }

    @Benchmark
    @Threads(1)
    public ObtainedToken hit1Thread() throws JamaException, InterruptedException {
        return cache.get(credentials, FIFTY_MINUTES, NO_MINT);
    }

    @Benchmark
    @Threads(2)
    public ObtainedToken hit2Threads() throws JamaException, InterruptedException {
        return cache.get(credentials, FIFTY_MINUTES, NO_MINT);
    }

    @Benchmark
    @Threads(4)
    public ObtainedToken hit4Threads() throws JamaException, InterruptedException {
        return cache.get(credentials, FIFTY_MINUTES, NO_MINT);
    }

    /** As a build step does it: new credentials each time, so the secret is hashed for the cache key each time. */
    @Benchmark
    @Threads(1)
    public ObtainedToken hitWithNewCredentials1Thread() throws JamaException, InterruptedException {
        return cache.get(
                new ClientCredentials(url, "rbfogo319n6ibtb", "c4gj8xhzx5fyej16bzv9l1brh"), FIFTY_MINUTES, NO_MINT);
    }
}
