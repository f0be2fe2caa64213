package io.jenkins.plugins.jama.binding;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the JMH benchmarks of the plugin with the command in CONTRIBUTING ({@code -P jmh-benchmark}); a normal build
 * does not, since its name is not a test's. {@code -Dbenchmark=<regex>} picks some of them.
 */
class BenchmarkRunner {

    @Test
    void runBenchmarks() throws RunnerException {
        new Runner(new OptionsBuilder()
                        .include(
                                System.getProperty("benchmark", BenchmarkRunner.class.getPackageName() + ".*Benchmark"))
                        // Not the test JVM's options, which stop the JIT compiler at C1 to start tests faster.
                        .jvmArgs(
                                "-Xmx2g",
                                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                                "--add-opens=java.base/java.io=ALL-UNNAMED",
                                "--add-opens=java.base/java.util=ALL-UNNAMED")
                        .shouldFailOnError(true)
                        .resultFormat(ResultFormatType.JSON)
                        .result("target/jmh-result.json")
                        .build())
                .run();
    }
}
