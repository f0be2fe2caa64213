package io.jenkins.plugins.jama.binding;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BlockOptionsTest {

    @Test
    void blankNamesFallBackToTheDefault() {
        assertThat(BlockOptions.nameOrDefault(null, "JAMA_TOKEN"), is("JAMA_TOKEN"));
        assertThat(BlockOptions.nameOrDefault("  ", "JAMA_TOKEN"), is("JAMA_TOKEN"));
        assertThat(BlockOptions.nameOrDefault(" MY_TOKEN ", "JAMA_TOKEN"), is("MY_TOKEN"));
        assertThat(BlockOptions.optionalName("  "), is(nullValue()));
        assertThat(BlockOptions.optionalName(" JAMA_TOKEN_FILE "), is("JAMA_TOKEN_FILE"));
    }

    @Test
    void acceptsShellVariableNamesAndTheDefaults() {
        assertThat(BlockOptions.nameProblem("JAMA_TOKEN"), is(nullValue()));
        assertThat(BlockOptions.nameProblem("_t0ken"), is(nullValue()));
        assertThat(BlockOptions.problem("JAMA_TOKEN", "JAMA_URL", null, 50), is(nullValue()));
        assertThat(BlockOptions.problem("JAMA_TOKEN", "JAMA_URL", "JAMA_TOKEN_FILE", 1), is(nullValue()));
        assertThat(BlockOptions.problem("JAMA_TOKEN", "JAMA_URL", null, 24 * 60), is(nullValue()));
        assertThat(BlockOptions.DEFAULT_MINIMUM_MINUTES, is(50));
        assertThat(BlockOptions.minimumOrDefault(null), is(50));
    }

    @ParameterizedTest(name = "{0} / {1} / {2} / {3} min: {4}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            1TOKEN     | JAMA_URL | -          | 50   | '1TOKEN' cannot be an environment variable name
            JAMA-TOKEN | JAMA_URL | -          | 50   | 'JAMA-TOKEN'
            JAMA TOKEN | JAMA_URL | -          | 50   | 'JAMA TOKEN'
            $JAMA      | JAMA_URL | -          | 50   | '$JAMA'
            JAMA       | JAMA     | -          | 50   | cannot both be bound to 'JAMA'
            JAMA       | bad-url  | -          | 50   | 'bad-url'
            JAMA_TOKEN | JAMA_URL | JAMA_TOKEN | 50   | which already holds the token or the URL
            JAMA_TOKEN | JAMA_URL | JAMA_URL   | 50   | which already holds the token or the URL
            JAMA_TOKEN | JAMA_URL | token-file | 50   | 'token-file'
            JAMA_TOKEN | JAMA_URL | -          | 0    | between 1 and 1440 minutes, not 0
            JAMA_TOKEN | JAMA_URL | -          | -5   | not -5
            JAMA_TOKEN | JAMA_URL | -          | 3000 | not 3000
            """)
    void refusesWhatABlockCannotUseSayingWhatToFix(
            String token, String url, String tokenFile, int minutes, String message) {
        assertThat(
                BlockOptions.problem(token, url, tokenFile.equals("-") ? null : tokenFile, minutes),
                containsString(message));
    }

    @Test
    void checksMinutesTypedIntoTheForm() {
        assertThat(BlockOptions.minimumProblem(""), is(nullValue()));
        assertThat(BlockOptions.minimumProblem(" 30 "), is(nullValue()));
        assertThat(BlockOptions.minimumProblem("0"), containsString("not 0"));
        assertThat(BlockOptions.minimumProblem("an hour"), containsString("'an hour' is not a whole number"));
        assertThat(BlockOptions.nameProblem(""), containsString("Give a variable name"));
    }
}
