package io.jenkins.plugins.jama.binding;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.jenkins.plugins.jama.client.AccessToken;
import io.jenkins.plugins.jama.client.JamaException;
import io.jenkins.plugins.jama.client.JamaUser;
import io.jenkins.plugins.jama.client.ObtainedToken;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenBlockTest {

    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.secret-token-value";
    private static final Instant NOW = Instant.parse("2026-08-21T10:00:00.250Z");
    private static final Duration FIFTY_MINUTES = Duration.ofMinutes(50);
    private static final AccessToken HOUR_TOKEN = new AccessToken(TOKEN, NOW.plusSeconds(3599));

    @Test
    void saysAMintedTokenWasMintedForWhomAndUntilWhen() {
        String line = TokenBlock.describe(
                "jama-api", "https://example.jamacloud.com", lease(HOUR_TOKEN, false, null), FIFTY_MINUTES, NOW);

        assertThat(
                line,
                is("Jama Connect token for credentials 'jama-api' at https://example.jamacloud.com: minted"
                        + " for jenkins-service, valid until 2026-08-21T10:59:59Z (60 min left)."));
    }

    @Test
    void saysACachedTokenWasReused() {
        String line = TokenBlock.describe(
                "jama-api", "https://jama.example.com/contour", lease(HOUR_TOKEN, true, null), FIFTY_MINUTES, NOW);

        assertThat(
                line, containsString("at https://jama.example.com/contour: reused for jenkins-service, valid until"));
    }

    @Test
    void reportsAFailedRefreshBehindAStillValidToken() {
        JamaException failure = new JamaException(
                JamaException.Reason.SERVER_ERROR, "Jama at https://example.jamacloud.com answered 503.");

        String line = TokenBlock.describe(
                "jama-api", "https://example.jamacloud.com", lease(HOUR_TOKEN, true, failure), FIFTY_MINUTES, NOW);

        assertThat(line, containsString("reused"));
        assertThat(line, containsString("could not be minted"));
        assertThat(line, containsString("answered 503."));
    }

    @Test
    void neverShowsTheToken() {
        for (boolean reused : new boolean[] {true, false}) {
            String line = TokenBlock.describe(
                    "jama-api", "https://example.jamacloud.com", lease(HOUR_TOKEN, reused, null), FIFTY_MINUTES, NOW);
            assertThat(line, not(containsString(TOKEN)));
            assertThat(line, not(containsString("secret-token")));
        }
    }

    @Test
    void warnsWhenJamaIssuesTokensShorterThanAsked() {
        AccessToken halfHour = new AccessToken(TOKEN, NOW.plusSeconds(1799));
        ObtainedToken lease = lease(halfHour, false, null, Duration.ofMinutes(30));

        String line = TokenBlock.describe("jama-api", "https://example.jamacloud.com", lease, FIFTY_MINUTES, NOW);

        assertThat(line, containsString("minted for jenkins-service, valid until 2026-08-21T10:29:59Z (30 min left)."));
        assertThat(
                line,
                containsString("Warning: Jama issues tokens valid for 30 min, less than the 50 min of validity asked"
                        + " for (minimumValidityMinutes)"));
    }

    /** Never "0 min", never advice below the smallest minimum a block accepts. */
    @Test
    void showsShortLifetimesInSecondsAndNeverAdvisesLessThanOneMinute() {
        AccessToken halfMinute = new AccessToken(TOKEN, NOW.plusSeconds(29));
        ObtainedToken lease = lease(halfMinute, false, null, Duration.ofSeconds(29));

        String line = TokenBlock.describe("jama-api", "https://example.jamacloud.com", lease, FIFTY_MINUTES, NOW);

        assertThat(line, containsString("(29 s left)."));
        assertThat(line, containsString("Jama issues tokens valid for 29 s, less than the 50 min"));
        assertThat(line, containsString("Lower minimumValidityMinutes to at most 1."));
    }

    @Test
    void roundsLifetimesToTheNearestMinute() {
        assertThat(TokenBlock.lifetime(Duration.ofSeconds(299)), is("5 min"));
        assertThat(TokenBlock.lifetime(Duration.ofSeconds(3599)), is("60 min"));
        assertThat(TokenBlock.lifetime(Duration.ofSeconds(60)), is("1 min"));
        assertThat(TokenBlock.lifetime(Duration.ofSeconds(59)), is("59 s"));
        assertThat(TokenBlock.lifetime(Duration.ZERO), is("0 s"));
    }

    @Test
    void saysNothingOfTheLifetimeWhenItCoversWhatWasAsked() {
        String line = TokenBlock.describe(
                "jama-api", "https://example.jamacloud.com", lease(HOUR_TOKEN, false, null), FIFTY_MINUTES, NOW);

        assertThat(line, not(containsString("Warning")));
    }

    @Test
    void saysWhenTheJamaUserIsUnknownAndWhy() {
        JamaException refused =
                new JamaException(JamaException.Reason.NOT_PERMITTED, "Jama said this user may not use the API.");
        ObtainedToken lease = new ObtainedToken(HOUR_TOKEN, NOW, false, null, refused, null, null);

        String line = TokenBlock.describe("jama-api", "https://example.jamacloud.com", lease, FIFTY_MINUTES, NOW);

        assertThat(line, containsString("minted for an unknown Jama user, valid until"));
        assertThat(
                line, containsString("The Jama user could not be looked up: Jama said this user may not use the API."));
    }

    private static ObtainedToken lease(AccessToken token, boolean reused, JamaException refreshFailure) {
        return lease(token, reused, refreshFailure, null);
    }

    private static ObtainedToken lease(
            AccessToken token, boolean reused, JamaException refreshFailure, Duration shortLifetime) {
        return new ObtainedToken(
                token, NOW, reused, new JamaUser("jenkins-service", "CREATOR"), null, refreshFailure, shortLifetime);
    }
}
