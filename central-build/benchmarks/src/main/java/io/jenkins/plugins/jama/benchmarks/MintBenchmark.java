package io.jenkins.plugins.jama.benchmarks;

import io.jenkins.plugins.jama.client.AccessToken;
import io.jenkins.plugins.jama.client.ClientCredentials;
import io.jenkins.plugins.jama.client.JamaBaseUrl;
import io.jenkins.plugins.jama.client.JamaException;
import io.jenkins.plugins.jama.client.JamaHttp;
import io.jenkins.plugins.jama.client.JamaTokenClient;
import io.jenkins.plugins.jama.fake.FakeJamaServer;
import java.time.Clock;
import java.time.Duration;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a cache miss costs at best: the token exchange and the user lookup with the fake Jama over HTTPS on the
 * loopback interface, the connection kept alive by the HTTP client as in production. A real Jama adds network latency.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class MintBenchmark {

    private FakeJamaServer jama;
    private JamaTokenClient client;
    private ClientCredentials credentials;

    @Setup
    public void startJama() throws JamaException {
        jama = FakeJamaServer.https().start();
        client = new JamaTokenClient(new JamaHttp(
                jama.newHttpClient(),
                null,
                new JamaHttp.Limits(5, Duration.ofSeconds(60)),
                "benchmark",
                Clock.systemUTC(),
                JamaHttp.Sleeper.REAL));
        credentials = new ClientCredentials(JamaBaseUrl.parse(jama.baseUrl()), jama.clientId(), jama.clientSecret());
    }

    @TearDown
    public void stopJama() {
        jama.close();
    }

    @Benchmark
    @Threads(1)
    public AccessToken mintOverHttps() throws JamaException, InterruptedException {
        return client.mint(credentials).token();
    }
}
