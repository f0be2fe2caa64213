package io.jenkins.plugins.jama.client;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.sameInstance;

import io.jenkins.plugins.jama.client.JamaException.Reason;
import io.jenkins.plugins.jama.client.TokenRenewal.Kind;
import io.jenkins.plugins.jama.client.TokenRenewal.Outcome;
import io.jenkins.plugins.jama.fake.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TokenRenewalTest {

    private static final Duration HOUR = Duration.ofMinutes(60);
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    private final ManualClock clock = new ManualClock();
    private final Instant start = clock.instant();
    private final TokenCache cache = new TokenCache(clock, 1000);
    private final FlakySource source = new FlakySource(HOUR);

    @Test
    void anHourTokenIsRenewedAfterThreeQuartersOfItsLife() throws Exception {
        assertThat(startBlock(FIVE_MINUTES).nextAttemptAt(), is(start.plus(Duration.ofMinutes(45))));
    }

    @Test
    void aMinimumValidityLongerThanAQuarterOfTheLifetimeIsHonoured() throws Exception {
        assertThat(startBlock(Duration.ofMinutes(20)).nextAttemptAt(), is(start.plus(Duration.ofMinutes(40))));
    }

    @Test
    void renewalIsNeverLaterThanMidLife() throws Exception {
        assertThat(startBlock(Duration.ofMinutes(40)).nextAttemptAt(), is(start.plus(Duration.ofMinutes(30))));
    }

    @Test
    void tokensShorterThanTheMinimumValidityAreRenewedAtMidLife() throws Exception {
        FlakySource twentyMinutes = new FlakySource(Duration.ofMinutes(20));

        TokenRenewal renewal = startBlock(Duration.ofMinutes(50), twentyMinutes);
        assertThat(renewal.nextAttemptAt(), is(start.plus(Duration.ofMinutes(10))));

        clock.advance(Duration.ofMinutes(10));
        Outcome outcome = renewal.renewIfDue();

        assertThat(outcome.kind(), is(Kind.RENEWED));
        assertThat(outcome.renewedTo().reused(), is(false));
        assertThat(renewal.nextAttemptAt(), is(start.plus(Duration.ofMinutes(20))));
    }

    @Test
    void nothingIsMintedBeforeTheRenewalIsDue() throws Exception {
        TokenRenewal renewal = startBlock(FIVE_MINUTES);
        AccessToken first = renewal.current();
        clock.advance(Duration.ofMinutes(45).minusSeconds(1));

        Outcome outcome = renewal.renewIfDue();

        assertThat(outcome.kind(), is(Kind.NOT_DUE));
        assertThat(outcome.token(), sameInstance(first));
        assertThat(renewal.current(), sameInstance(first));
        assertThat(source.attempts.get(), is(1));
    }

    @Test
    void aDueRenewalMintsANewTokenAndSchedulesItsRenewal() throws Exception {
        TokenRenewal renewal = startBlock(FIVE_MINUTES);
        AccessToken first = renewal.current();
        clock.advance(Duration.ofMinutes(45));

        Outcome outcome = renewal.renewIfDue();

        assertThat(outcome.kind(), is(Kind.RENEWED));
        assertThat(outcome.renewedTo().reused(), is(false));
        assertThat(outcome.failure(), is(nullValue()));
        assertThat(outcome.token().value(), is("bearer-2"));
        assertThat(renewal.current(), sameInstance(outcome.token()));
        assertThat(renewal.nextAttemptAt(), is(start.plus(Duration.ofMinutes(90))));
        assertThat(source.attempts.get(), is(2));
    }

    @Test
    void aBlockOutlivingSeveralTokensAlwaysHoldsOneWithTheValidityItAskedFor() throws Exception {
        TokenRenewal renewal = startBlock(FIVE_MINUTES);

        for (int minute = 1; minute <= 180; minute++) {
            clock.advance(Duration.ofMinutes(1));
            if (!clock.instant().isBefore(renewal.nextAttemptAt())) {
                assertThat(renewal.renewIfDue().kind(), is(Kind.RENEWED));
            }
            assertThat(
                    "at minute " + minute,
                    renewal.current().remainingAt(clock.instant()),
                    greaterThanOrEqualTo(FIVE_MINUTES));
        }

        assertThat(renewal.current().value(), is("bearer-5"));
    }

    @Test
    void parallelBlocksOnOneCredentialShareEachNewToken() throws Exception {
        TokenRenewal one = startBlock(FIVE_MINUTES);
        TokenRenewal other = startBlock(FIVE_MINUTES);

        for (int round = 1; round <= 3; round++) {
            clock.advance(Duration.between(clock.instant(), one.nextAttemptAt()));
            Outcome minted = one.renewIfDue();
            Outcome shared = other.renewIfDue();

            assertThat(minted.renewedTo().reused(), is(false));
            assertThat(shared.kind(), is(Kind.RENEWED));
            assertThat(shared.renewedTo().reused(), is(true));
            assertThat(shared.token(), sameInstance(minted.token()));
            assertThat(other.nextAttemptAt(), is(one.nextAttemptAt()));
        }
        assertThat(source.attempts.get(), is(4));
    }

    @Test
    void aFailureIsReportedOnceAndRetriedUntilJamaRecovers() throws Exception {
        TokenRenewal renewal = startBlock(FIVE_MINUTES);
        AccessToken first = renewal.current();
        JamaException outage = new JamaException(Reason.SERVER_ERROR, "Jama is down");
        source.failWith(outage);
        clock.advance(Duration.ofMinutes(45));

        Outcome failed = renewal.renewIfDue();

        assertThat(failed.kind(), is(Kind.FAILED));
        assertThat(failed.failure(), sameInstance(outage));
        assertThat(failed.reportable(), is(true));
        assertThat(failed.token(), sameInstance(first));
        // a quarter of the 15 minutes left
        Instant retry = start.plus(Duration.ofMinutes(45)).plus(Duration.ofSeconds(225));
        assertThat(renewal.nextAttemptAt(), is(retry));

        clock.advance(Duration.ofSeconds(224));
        assertThat(renewal.renewIfDue().kind(), is(Kind.NOT_DUE));
        assertThat(source.attempts.get(), is(2));

        clock.advance(Duration.ofSeconds(1));
        Outcome failedAgain = renewal.renewIfDue();
        assertThat(failedAgain.kind(), is(Kind.FAILED));
        assertThat(failedAgain.reportable(), is(false));
        assertThat(renewal.nextAttemptAt(), is(retry.plus(Duration.ofMillis(168_750))));

        source.recover();
        clock.advance(Duration.between(clock.instant(), renewal.nextAttemptAt()));
        Outcome renewed = renewal.renewIfDue();
        assertThat(renewed.kind(), is(Kind.RENEWED));
        assertThat(renewed.renewedTo().reused(), is(false));
        assertThat(renewal.current(), sameInstance(renewed.token()));

        source.failWith(outage);
        clock.advance(Duration.between(clock.instant(), renewal.nextAttemptAt()));
        assertThat(renewal.renewIfDue().reportable(), is(true));
    }

    @Test
    void retriesAreAtMostFiveMinutesApart() throws Exception {
        TokenRenewal renewal = startBlock(Duration.ofMinutes(40));
        source.failWith(new JamaException(Reason.SERVER_ERROR, "Jama is down"));
        clock.advance(Duration.ofMinutes(30));

        assertThat(renewal.renewIfDue().kind(), is(Kind.FAILED));

        assertThat(renewal.nextAttemptAt(), is(start.plus(Duration.ofMinutes(35))));
    }

    @Test
    void withNoValidTokenLeftAFailureKeepsTheCurrentOneAndRetriesEveryThirtySeconds() throws Exception {
        TokenRenewal renewal = startBlock(FIVE_MINUTES);
        AccessToken first = renewal.current();
        JamaException outage = new JamaException(Reason.CONNECTION_REFUSED, "Jama is unreachable");
        source.failWith(outage);
        clock.advance(Duration.ofMinutes(61));

        Outcome failed = renewal.renewIfDue();

        assertThat(failed.kind(), is(Kind.FAILED));
        assertThat(failed.failure(), sameInstance(outage));
        assertThat(failed.reportable(), is(true));
        assertThat(renewal.current(), sameInstance(first));
        assertThat(renewal.nextAttemptAt(), is(clock.instant().plusSeconds(30)));

        clock.advance(Duration.ofSeconds(30));
        assertThat(renewal.renewIfDue().reportable(), is(false));
        assertThat(renewal.current(), sameInstance(first));
    }

    @Test
    void shortLivedTokensAreRetriedWithinATenthOfTheirLifetime() throws Exception {
        FlakySource twoMinutes = new FlakySource(Duration.ofMinutes(2));
        TokenRenewal renewal = startBlock(FIVE_MINUTES, twoMinutes);
        twoMinutes.failWith(new JamaException(Reason.CONNECTION_REFUSED, "Jama is unreachable"));
        clock.advance(Duration.ofMinutes(3));

        assertThat(renewal.renewIfDue().kind(), is(Kind.FAILED));

        assertThat(renewal.nextAttemptAt(), is(clock.instant().plusSeconds(12)));
    }

    @Test
    void theCurrentTokenHandedBackWithALaterExpiryIsNoRenewal() throws Exception {
        TokenRenewal renewal = startBlock(FIVE_MINUTES);
        AccessToken first = renewal.current();
        clock.advance(Duration.ofMinutes(45));
        // The same token, its expiry more precise than the one the block kept (as after a restart).
        cache.put(
                credentials(),
                new AccessToken(first.value(), first.expiresAt().plusSeconds(2)),
                new JamaUser("tester", null));

        Outcome outcome = renewal.renewIfDue();

        assertThat(outcome.kind(), is(Kind.NOTHING_NEWER));
        assertThat(renewal.current(), sameInstance(first));
    }

    @Test
    void aCachedTokenThatExpiresSoonerThanTheCurrentOneIsNotTaken() throws Exception {
        TokenRenewal renewal = startBlock(FIVE_MINUTES);
        AccessToken first = renewal.current();
        clock.advance(Duration.ofMinutes(45));
        cache.put(
                credentials(),
                new AccessToken("shorter-lived", clock.instant().plus(FIVE_MINUTES)),
                new JamaUser("tester", null));

        Outcome outcome = renewal.renewIfDue();

        assertThat(outcome.kind(), is(Kind.NOTHING_NEWER));
        assertThat(renewal.current(), sameInstance(first));
        assertThat(renewal.nextAttemptAt(), is(clock.instant().plusSeconds(225)));
    }

    @Test
    void theCurrentTokenCanBeReadWhileARenewalWaitsForJama() throws Exception {
        CountDownLatch minting = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        TokenRenewal renewal = startBlock(FIVE_MINUTES, credentials -> {
            if (source.attempts.get() > 0) {
                minting.countDown();
                finish.await();
            }
            return source.mint(credentials);
        });
        AccessToken first = renewal.current();
        clock.advance(Duration.ofMinutes(45));
        ExecutorService timer = Executors.newSingleThreadExecutor();
        try {
            Future<Outcome> renewing = timer.submit(renewal::renewIfDue);
            minting.await();

            assertThat(renewal.current(), sameInstance(first));
            finish.countDown();
            assertThat(renewing.get(60, TimeUnit.SECONDS).kind(), is(Kind.RENEWED));
            assertThat(renewal.current(), not(sameInstance(first)));
        } finally {
            finish.countDown();
            timer.shutdownNow();
        }
    }

    @Test
    void toStringHidesTheTokens() throws Exception {
        TokenRenewal renewal = startBlock(FIVE_MINUTES);
        clock.advance(Duration.ofMinutes(45));
        Outcome outcome = renewal.renewIfDue();

        assertThat(renewal.toString(), not(containsString("bearer-")));
        assertThat(outcome.toString(), not(containsString("bearer-")));
        assertThat(renewal.toString(), containsString("client-id"));
    }

    private TokenRenewal startBlock(Duration minValidity) throws Exception {
        return startBlock(minValidity, source);
    }

    /** What the block step does: gets its first token from the cache, then hands it to a renewal. */
    private TokenRenewal startBlock(Duration minValidity, TokenSource tokens) throws Exception {
        Instant issuedAt = clock.instant();
        ObtainedToken first = cache.get(credentials(), minValidity, tokens);
        return new TokenRenewal(cache, credentials(), minValidity, tokens, clock, first.token(), issuedAt);
    }

    private static ClientCredentials credentials() throws JamaException {
        return new ClientCredentials(JamaBaseUrl.parse("https://example.jamacloud.com"), "client-id", "secret");
    }

    /** Mints numbered tokens of a fixed lifetime from the test clock, or fails while told to; counts attempts. */
    private final class FlakySource implements TokenSource {
        private final Duration lifetime;
        private final AtomicInteger attempts = new AtomicInteger();
        private final AtomicInteger minted = new AtomicInteger();
        private volatile JamaException failure;

        FlakySource(Duration lifetime) {
            this.lifetime = lifetime;
        }

        void failWith(JamaException failure) {
            this.failure = failure;
        }

        void recover() {
            failure = null;
        }

        @Override
        public Minted mint(ClientCredentials credentials) throws JamaException {
            attempts.incrementAndGet();
            JamaException failing = failure;
            if (failing != null) {
                throw failing;
            }
            return new Minted(
                    new AccessToken(
                            "bearer-" + minted.incrementAndGet(),
                            clock.instant().plus(lifetime)),
                    null,
                    null);
        }
    }
}
