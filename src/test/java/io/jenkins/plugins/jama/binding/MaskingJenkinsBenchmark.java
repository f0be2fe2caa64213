package io.jenkins.plugins.jama.binding;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import jenkins.benchmark.jmh.JmhBenchmarkState;
import org.jenkinsci.plugins.credentialsbinding.masking.SecretPatterns;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Masking throughput on 100 MB of log (about 1.26 million lines, one in a thousand holding the token), written in
 * 8 KB chunks as a step's output arrives: credentials-binding's {@code MaskingOutputStream}, this plugin's stream with
 * the masks in memory (a log the controller writes), and with the masks in a mask file (a step on an agent in a block
 * with a token file). The token's pattern is credentials-binding's, which needs a running Jenkins to build.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(3)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class MaskingJenkinsBenchmark {

    /** The log, the token's pattern and a mask file, in a Jenkins that builds the pattern. */
    public static class Log extends JmhBenchmarkState {

        private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.bench-token.c2lnbmF0dXJl";
        private static final int LOG_BYTES = 100 * 1024 * 1024;

        @Param({"credentialsBinding", "inMemory", "maskFile"})
        public String masks;

        private byte[] bytes;
        private Pattern pattern;
        private Path masksFile;

        @Override
        public void setup() throws IOException {
            StringBuilder text = new StringBuilder(LOG_BYTES + 200);
            for (int line = 0; text.length() < LOG_BYTES; line++) {
                if (line % 1000 == 999) {
                    text.append("curl -H 'Authorization: Bearer ")
                            .append(TOKEN)
                            .append("' upload result ")
                            .append(line);
                } else {
                    text.append("[2026-12-04T18:00:00Z] uploading test result ")
                            .append(line)
                            .append(" to https://jama.example.com/rest/v1/items");
                }
                text.append('\n');
            }
            bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            pattern = SecretPatterns.getAggregateSecretPattern(Set.of(TOKEN));
            masksFile = Files.createTempFile("jama-bench", ".masks");
            Files.writeString(masksFile, pattern.pattern(), StandardCharsets.UTF_8);
        }

        @Override
        public void tearDown() {
            try {
                Files.delete(masksFile);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private OutputStream newStream(OutputStream sink) {
            Supplier<Pattern> inMemory = () -> pattern;
            return switch (masks) {
                case "credentialsBinding" -> new SecretPatterns.MaskingOutputStream(sink, inMemory, "UTF-8");
                case "inMemory" -> new TokenMasks.MaskingStream(sink, inMemory, StandardCharsets.UTF_8);
                case "maskFile" ->
                    new TokenMasks.MaskingStream(
                            sink,
                            new TokenMasks.FileMasks(List.of(), List.of(masksFile.toString()))::get,
                            StandardCharsets.UTF_8);
                default -> throw new IllegalArgumentException(masks);
            };
        }
    }

    @Benchmark
    public void maskLog(Log log) throws IOException {
        try (OutputStream stream = log.newStream(OutputStream.nullOutputStream())) {
            for (int offset = 0; offset < log.bytes.length; offset += 8192) {
                stream.write(log.bytes, offset, Math.min(8192, log.bytes.length - offset));
            }
        }
    }
}
