package io.jenkins.plugins.jama.client;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The token client and the fake Jama must work without Jenkins, so later tests and other tools can use them: no
 * reference to a Jenkins, Stapler or CloudBees package in their sources. Paths are relative to the module base
 * directory, where {@code src} is the repository's sources in both builds.
 */
class ClientIsJenkinsFreeTest {

    private static final List<Path> JENKINS_FREE = List.of(
            Path.of("src/main/java/io/jenkins/plugins/jama/client"),
            Path.of("src/test/java/io/jenkins/plugins/jama/client"),
            Path.of("src/test/java/io/jenkins/plugins/jama/fake"));

    /** A package name at the start of a qualified name, so {@code io.jenkins.plugins} does not count. */
    private static final Pattern FORBIDDEN =
            Pattern.compile("(?<![\\w.])(hudson|jenkins|org\\.kohsuke|org\\.jenkinsci|com\\.cloudbees)\\.");

    @Test
    void importsNothingFromJenkins() throws IOException {
        List<Path> sources = new ArrayList<>();
        for (Path folder : JENKINS_FREE) {
            try (Stream<Path> files = Files.walk(folder)) {
                files.filter(file -> file.toString().endsWith(".java")).forEach(sources::add);
            }
        }
        List<String> offences = new ArrayList<>();
        for (Path source : sources) {
            List<String> lines = Files.readAllLines(source);
            for (int i = 0; i < lines.size(); i++) {
                Matcher matcher = FORBIDDEN.matcher(lines.get(i));
                if (matcher.find()) {
                    offences.add(source + ":" + (i + 1) + ": " + lines.get(i).strip());
                }
            }
        }

        assertThat(sources.size(), greaterThan(20));
        assertThat(sources, hasItem(Path.of("src/main/java/io/jenkins/plugins/jama/client/TokenCache.java")));
        assertThat(offences, empty());
    }

    @Test
    void theCheckCatchesAnImport() {
        assertThat(
                List.of(
                                "import hud" + "son.util.Secret;",
                                "import jen" + "kins.model.Jenkins;",
                                "x = org.koh" + "suke.stapler.X;")
                        .stream()
                        .filter(line -> FORBIDDEN.matcher(line).find())
                        .toList(),
                hasSize(3));
        assertThat(
                List.of("package io.jenkins.plugins.jama.client;").stream()
                        .filter(line -> FORBIDDEN.matcher(line).find())
                        .toList(),
                empty());
    }
}
