package io.jenkins.plugins.jama;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Maven-Central-only build leaves out test files with {@code JenkinsTest} in their name. A test that needs a
 * running Jenkins but is named otherwise would break that build; this keeps the rule visible in one place.
 */
class TestNamingRuleTest {

    private static final Path TEST_SOURCES = Path.of("src/test/java");
    private static final Pattern NEEDS_RUNNING_JENKINS = Pattern.compile(
            "^import (static )?(org\\.jvnet\\.hudson\\.test|io\\.jenkins\\.plugins\\.casc\\.misc)\\.",
            Pattern.MULTILINE);

    @Test
    void testsThatNeedARunningJenkinsFollowTheNamingRule() throws IOException {
        List<Path> misnamed = testSources().stream()
                .filter(file -> !file.getFileName().toString().contains("JenkinsTest"))
                .filter(file -> NEEDS_RUNNING_JENKINS.matcher(read(file)).find())
                .toList();

        assertThat(misnamed, empty());
    }

    @Test
    void theRuleSeesTheTestSources() throws IOException {
        assertThat(testSources(), not(empty()));
    }

    private static List<Path> testSources() throws IOException {
        try (Stream<Path> files = Files.walk(TEST_SOURCES)) {
            return files.filter(file -> file.toString().endsWith(".java")).toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
