package io.jenkins.plugins.jama.binding;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenFieldsTest {

    @Test
    void blankNamesFallBackToTheDefault() {
        assertThat(TokenFields.variableOrDefault(null, "JAMA_TOKEN"), is("JAMA_TOKEN"));
        assertThat(TokenFields.variableOrDefault("  ", "JAMA_TOKEN"), is("JAMA_TOKEN"));
        assertThat(TokenFields.variableOrDefault(" MY_TOKEN ", "JAMA_TOKEN"), is("MY_TOKEN"));
    }

    @Test
    void acceptsShellVariableNames() {
        assertThat(TokenFields.variableNameProblem("JAMA_TOKEN"), is(nullValue()));
        assertThat(TokenFields.variableNameProblem("_t0ken"), is(nullValue()));
    }

    @Test
    void refusesNamesAShellCannotExpand() {
        assertThat(
                TokenFields.variableNameProblem("1TOKEN"),
                containsString("'1TOKEN' cannot be an environment variable"));
        assertThat(TokenFields.variableNameProblem("JAMA-TOKEN"), containsString("'JAMA-TOKEN'"));
        assertThat(TokenFields.variableNameProblem("JAMA TOKEN"), containsString("'JAMA TOKEN'"));
        assertThat(TokenFields.variableNameProblem("$JAMA"), containsString("'$JAMA'"));
        assertThat(TokenFields.variableNameProblem(""), containsString("Give a variable name"));
    }

    @Test
    void tokenAndUrlNeedTwoNames() {
        assertThat(TokenFields.variablesProblem("JAMA_TOKEN", "JAMA_URL"), is(nullValue()));
        assertThat(TokenFields.variablesProblem("JAMA", "JAMA"), containsString("cannot both be bound to 'JAMA'"));
        assertThat(TokenFields.variablesProblem("JAMA", "bad-url"), containsString("'bad-url'"));
        assertThat(TokenFields.variablesProblem("bad-token", "JAMA_URL"), containsString("'bad-token'"));
    }

    @Test
    void theTokenFileVariableIsOptionalAndMustDifferFromTheOthers() {
        assertThat(TokenFields.variablesProblem("JAMA_TOKEN", "JAMA_URL", null), is(nullValue()));
        assertThat(TokenFields.variablesProblem("JAMA_TOKEN", "JAMA_URL", "JAMA_TOKEN_FILE"), is(nullValue()));
        assertThat(
                TokenFields.variablesProblem("JAMA_TOKEN", "JAMA_URL", "JAMA_TOKEN"),
                containsString("The token file's path cannot be bound to 'JAMA_TOKEN'"));
        assertThat(
                TokenFields.variablesProblem("JAMA_TOKEN", "JAMA_URL", "JAMA_URL"),
                containsString("choose another name for tokenFileVariable"));
        assertThat(
                TokenFields.variablesProblem("JAMA_TOKEN", "JAMA_URL", "token-file"), containsString("'token-file'"));
        assertThat(TokenFields.optionalVariable("  "), is(nullValue()));
        assertThat(TokenFields.optionalVariable(" JAMA_TOKEN_FILE "), is("JAMA_TOKEN_FILE"));
    }

    @Test
    void defaultLeavesMostOfAnHourLongToken() {
        assertThat(TokenFields.DEFAULT_MINIMUM_MINUTES, is(50));
        assertThat(TokenFields.minimumProblem(TokenFields.DEFAULT_MINIMUM_MINUTES), is(nullValue()));
        assertThat(TokenFields.toDuration(50), is(Duration.ofMinutes(50)));
    }

    @Test
    void acceptsOneMinuteToADay() {
        assertThat(TokenFields.minimumProblem(1), is(nullValue()));
        assertThat(TokenFields.minimumProblem(24 * 60), is(nullValue()));
    }

    @Test
    void refusesNumbersOutsideTheRange() {
        assertThat(TokenFields.minimumProblem(0), containsString("between 1 and 1440 minutes, not 0"));
        assertThat(TokenFields.minimumProblem(-5), containsString("not -5"));
        assertThat(TokenFields.minimumProblem(3000), containsString("not 3000"));
    }

    @Test
    void checksTextFromTheForm() {
        assertThat(TokenFields.minimumProblem(""), is(nullValue()));
        assertThat(TokenFields.minimumProblem(" 30 "), is(nullValue()));
        assertThat(TokenFields.minimumProblem("0"), containsString("not 0"));
        assertThat(TokenFields.minimumProblem("an hour"), containsString("'an hour' is not a whole number"));
    }
}
