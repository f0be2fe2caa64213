package io.jenkins.plugins.jama.binding;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MinimumValidityTest {

    @Test
    void defaultLeavesMostOfAnHourLongToken() {
        assertThat(MinimumValidity.DEFAULT_MINUTES, is(50));
        assertThat(MinimumValidity.problem(MinimumValidity.DEFAULT_MINUTES), is(nullValue()));
        assertThat(MinimumValidity.toDuration(50), is(Duration.ofMinutes(50)));
    }

    @Test
    void acceptsOneMinuteToADay() {
        assertThat(MinimumValidity.problem(1), is(nullValue()));
        assertThat(MinimumValidity.problem(24 * 60), is(nullValue()));
    }

    @Test
    void refusesNumbersOutsideTheRange() {
        assertThat(MinimumValidity.problem(0), containsString("between 1 and 1440 minutes, not 0"));
        assertThat(MinimumValidity.problem(-5), containsString("not -5"));
        assertThat(MinimumValidity.problem(3000), containsString("not 3000"));
    }

    @Test
    void checksTextFromTheForm() {
        assertThat(MinimumValidity.problem(""), is(nullValue()));
        assertThat(MinimumValidity.problem(" 30 "), is(nullValue()));
        assertThat(MinimumValidity.problem("0"), containsString("not 0"));
        assertThat(MinimumValidity.problem("an hour"), containsString("'an hour' is not a whole number"));
    }
}
