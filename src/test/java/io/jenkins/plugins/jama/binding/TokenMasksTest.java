package io.jenkins.plugins.jama.binding;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.arrayWithSize;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.sameInstance;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TokenMasksTest {

    private static final String TOKEN = "tok-3f9a1c77e2";
    private static final Pattern SECRETS = Pattern.compile(Pattern.quote(TOKEN));

    @Test
    void leavesFailuresWithoutTheSecretAlone() {
        IllegalStateException failure = new IllegalStateException("script returned exit code 22");

        assertThat(TokenMasks.mask(failure, SECRETS), is(sameInstance(failure)));
    }

    @Test
    void masksTheSecretInTheMessageAndKeepsTheStackTrace() {
        IllegalStateException failure = new IllegalStateException("bad header: Bearer " + TOKEN);

        Throwable masked = TokenMasks.mask(failure, SECRETS);

        assertThat(masked.getMessage(), is("java.lang.IllegalStateException: bad header: Bearer ****"));
        assertThat(masked.getStackTrace(), is(failure.getStackTrace()));
        assertThat(printed(masked), not(containsString(TOKEN)));
    }

    @Test
    void masksCausesAndSuppressedFailures() {
        IOException cause = new IOException("token " + TOKEN + " rejected");
        RuntimeException failure = new RuntimeException("wrapper without the secret", cause);
        failure.addSuppressed(new IllegalArgumentException(TOKEN));

        Throwable masked = TokenMasks.mask(failure, SECRETS);

        assertThat(masked.getMessage(), containsString("wrapper without the secret"));
        assertThat(masked.getCause().getMessage(), containsString("token **** rejected"));
        assertThat(masked.getSuppressed(), arrayWithSize(1));
        assertThat(printed(masked), not(containsString(TOKEN)));
    }

    @Test
    void survivesACycleOfCauses() {
        RuntimeException first = new RuntimeException("first " + TOKEN);
        RuntimeException second = new RuntimeException("second", first);
        first.initCause(second);

        Throwable masked = TokenMasks.mask(first, SECRETS);

        assertThat(printed(masked), not(containsString(TOKEN)));
    }

    private static String printed(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
