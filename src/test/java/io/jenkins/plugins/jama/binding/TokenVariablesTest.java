package io.jenkins.plugins.jama.binding;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

class TokenVariablesTest {

    @Test
    void blankNamesFallBackToTheDefault() {
        assertThat(TokenVariables.orDefault(null, "JAMA_TOKEN"), is("JAMA_TOKEN"));
        assertThat(TokenVariables.orDefault("  ", "JAMA_TOKEN"), is("JAMA_TOKEN"));
        assertThat(TokenVariables.orDefault(" MY_TOKEN ", "JAMA_TOKEN"), is("MY_TOKEN"));
    }

    @Test
    void acceptsShellVariableNames() {
        assertThat(TokenVariables.nameProblem("JAMA_TOKEN"), is(nullValue()));
        assertThat(TokenVariables.nameProblem("_t0ken"), is(nullValue()));
    }

    @Test
    void refusesNamesAShellCannotExpand() {
        assertThat(TokenVariables.nameProblem("1TOKEN"), containsString("'1TOKEN' cannot be an environment variable"));
        assertThat(TokenVariables.nameProblem("JAMA-TOKEN"), containsString("'JAMA-TOKEN'"));
        assertThat(TokenVariables.nameProblem("JAMA TOKEN"), containsString("'JAMA TOKEN'"));
        assertThat(TokenVariables.nameProblem("$JAMA"), containsString("'$JAMA'"));
        assertThat(TokenVariables.nameProblem(""), containsString("Give a variable name"));
    }

    @Test
    void tokenAndUrlNeedTwoNames() {
        assertThat(TokenVariables.problem("JAMA_TOKEN", "JAMA_URL"), is(nullValue()));
        assertThat(TokenVariables.problem("JAMA", "JAMA"), containsString("cannot both be bound to 'JAMA'"));
        assertThat(TokenVariables.problem("JAMA", "bad-url"), containsString("'bad-url'"));
        assertThat(TokenVariables.problem("bad-token", "JAMA_URL"), containsString("'bad-token'"));
    }
}
