package io.jenkins.plugins.jama.client;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.sameInstance;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jenkins.plugins.jama.client.JamaException.Reason;
import io.jenkins.plugins.jama.fake.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class TokenCacheTest {

    private static final Duration FIFTY_MINUTES = Duration.ofMinutes(50);

    private final ManualClock clock = new ManualClock();
    private final TokenCache cache = new TokenCache(clock, 100);
    private final CountingSource source = new CountingSource(Duration.ofSeconds(3599));

    @Test
    void reusesATokenThatStillHasTheRequestedValidity() throws Exception {
        TokenLease first = cache.get(credentials("secret"), FIFTY_MINUTES, source);
        clock.advance(Duration.ofMinutes(9));
        TokenLease second = cache.get(credentials("secret"), FIFTY_MINUTES, source);

        assertThat(first.reused(), is(false));
        assertThat(second.reused(), is(true));
        assertThat(second.token(), sameInstance(first.token()));
        assertThat(source.mints.get(), is(1));
    }

    @Test
    void mintsAgainOnceTooLittleValidityIsLeft() throws Exception {
        TokenLease first = cache.get(credentials("secret"), FIFTY_MINUTES, source);
        clock.advance(Duration.ofSeconds(3599 - 3000 + 1));

        TokenLease second = cache.get(credentials("secret"), FIFTY_MINUTES, source);

        assertThat(second.reused(), is(false));
        assertThat(second.token().value(), not(first.token().value()));
        assertThat(source.mints.get(), is(2));
    }

    @Test
    void tokensShorterThanTheRequestAreMintedFreshAndThenSharedWhileInTheirFirstTenth() throws Exception {
        CountingSource shortLived = new CountingSource(Duration.ofMinutes(5));

        TokenLease first = cache.get(credentials("secret"), FIFTY_MINUTES, shortLived);
        clock.advance(Duration.ofSeconds(30));
        TokenLease soonAfter = cache.get(credentials("secret"), FIFTY_MINUTES, shortLived);
        clock.advance(Duration.ofSeconds(1));
        TokenLease later = cache.get(credentials("secret"), FIFTY_MINUTES, shortLived);

        assertThat(first.reused(), is(false));
        assertThat(soonAfter.token(), sameInstance(first.token()));
        assertThat(later.reused(), is(false));
        assertThat(shortLived.mints.get(), is(2));
    }

    @Test
    void aLeaseSaysWhenJamaIssuesTokensShorterThanAsked() throws Exception {
        CountingSource halfHour = new CountingSource(Duration.ofMinutes(30));

        TokenLease minted = cache.get(credentials("secret"), FIFTY_MINUTES, halfHour);
        clock.advance(Duration.ofMinutes(1));
        TokenLease reused = cache.get(credentials("secret"), FIFTY_MINUTES, halfHour);

        assertThat(minted.reused(), is(false));
        assertThat(minted.shortLifetime(), is(Duration.ofMinutes(30)));
        assertThat(reused.reused(), is(true));
        assertThat(reused.shortLifetime(), is(Duration.ofMinutes(30)));
    }

    @Test
    void aLeaseSaysNothingWhenTokensLiveLongEnough() throws Exception {
        CountingSource halfHour = new CountingSource(Duration.ofMinutes(30));

        assertThat(
                cache.get(credentials("secret"), Duration.ofMinutes(20), halfHour)
                        .shortLifetime(),
                is(nullValue()));
        assertThat(cache.get(credentials("other"), FIFTY_MINUTES, source).shortLifetime(), is(nullValue()));
    }

    @Test
    void aNewCredentialsObjectForTheSameClientHitsTheCache() throws Exception {
        cache.get(credentials("secret"), FIFTY_MINUTES, source);

        TokenLease again = cache.get(credentials("secret"), FIFTY_MINUTES, source);

        assertThat(again.reused(), is(true));
    }

    @Test
    void aRotatedSecretNeverGetsTheOldToken() throws Exception {
        TokenLease old = cache.get(credentials("old-secret"), FIFTY_MINUTES, source);

        TokenLease rotated = cache.get(credentials("new-secret"), FIFTY_MINUTES, source);

        assertThat(rotated.reused(), is(false));
        assertThat(rotated.token().value(), not(old.token().value()));
    }

    @Test
    void siteAndClientIdAreKeysToo() throws Exception {
        ClientCredentials one = credentials("secret");
        ClientCredentials otherClient = new ClientCredentials(one.baseUrl(), "other-client", "secret");
        ClientCredentials otherSite =
                new ClientCredentials(JamaBaseUrl.parse("https://other.jamacloud.com"), one.clientId(), "secret");

        cache.get(one, FIFTY_MINUTES, source);
        cache.get(otherClient, FIFTY_MINUTES, source);
        cache.get(otherSite, FIFTY_MINUTES, source);

        assertThat(source.mints.get(), is(3));
    }

    @Test
    void aFailedRefreshKeepsTheStillValidTokenAndReportsTheFailure() throws Exception {
        TokenLease first = cache.get(credentials("secret"), FIFTY_MINUTES, source);
        clock.advance(Duration.ofMinutes(30));
        JamaException outage = new JamaException(Reason.SERVER_ERROR, "Jama is down");

        TokenLease lease = cache.get(credentials("secret"), FIFTY_MINUTES, creds -> {
            throw outage;
        });

        assertThat(lease.token(), sameInstance(first.token()));
        assertThat(lease.reused(), is(true));
        assertThat(lease.refreshFailure(), sameInstance(outage));
    }

    @Test
    void aFailedMintWithoutAValidTokenThrows() throws Exception {
        cache.get(credentials("secret"), FIFTY_MINUTES, source);
        clock.advance(Duration.ofSeconds(3600));
        JamaException outage = new JamaException(Reason.SERVER_ERROR, "Jama is down");

        JamaException e = assertThrows(
                JamaException.class,
                () -> cache.get(credentials("secret"), FIFTY_MINUTES, creds -> {
                    throw outage;
                }));

        assertThat(e, sameInstance(outage));
    }

    @Test
    void anInvalidatedTokenIsNotHandedOutAgain() throws Exception {
        TokenLease first = cache.get(credentials("secret"), FIFTY_MINUTES, source);

        cache.invalidate(credentials("secret"), first.token());
        TokenLease second = cache.get(credentials("secret"), FIFTY_MINUTES, source);

        assertThat(second.reused(), is(false));
        assertThat(second.token().value(), not(first.token().value()));
    }

    @Test
    void invalidatingAnOlderTokenKeepsTheCurrentOne() throws Exception {
        TokenLease first = cache.get(credentials("secret"), FIFTY_MINUTES, source);
        cache.invalidate(credentials("secret"), first.token());
        TokenLease second = cache.get(credentials("secret"), FIFTY_MINUTES, source);

        cache.invalidate(credentials("secret"), first.token());

        assertThat(cache.get(credentials("secret"), FIFTY_MINUTES, source).token(), sameInstance(second.token()));
    }

    @Test
    void aTokenPutInReplacesTheCachedOne() throws Exception {
        cache.get(credentials("secret"), FIFTY_MINUTES, source);
        AccessToken fresh = new AccessToken("minted-elsewhere", clock.instant().plusSeconds(3599));

        cache.put(credentials("secret"), fresh, new JamaUser("tester", null));
        TokenLease lease = cache.get(credentials("secret"), FIFTY_MINUTES, source);

        assertThat(lease.token(), sameInstance(fresh));
        assertThat(lease.reused(), is(true));
        assertThat(source.mints.get(), is(1));
    }

    @Test
    void aTokenPutInForANewKeyIsCached() throws Exception {
        AccessToken fresh = new AccessToken("minted-elsewhere", clock.instant().plusSeconds(3599));

        cache.put(credentials("secret"), fresh, new JamaUser("tester", null));

        assertThat(cache.get(credentials("secret"), FIFTY_MINUTES, source).token(), sameInstance(fresh));
        assertThat(source.mints.get(), is(0));
    }

    @Test
    void aMintAsksForItsUserOnceAndAReuseGetsItFromTheCache() throws Exception {
        UserAskingSource asking = new UserAskingSource(null);

        TokenLease minted = cache.get(credentials("secret"), FIFTY_MINUTES, asking);
        clock.advance(Duration.ofMinutes(5));
        TokenLease reused = cache.get(credentials("secret"), FIFTY_MINUTES, asking);

        assertThat(minted.user(), is(new JamaUser("user-of-token-1", "CREATOR")));
        assertThat(reused.user(), is(minted.user()));
        assertThat(reused.reused(), is(true));
        assertThat(asking.lookups.get(), is(1));
    }

    @Test
    void aFailedUserLookupStillHandsOutTheTokenAndSaysWhy() throws Exception {
        JamaException refused = new JamaException(Reason.NOT_PERMITTED, "not permitted to use the API");
        UserAskingSource asking = new UserAskingSource(refused);

        TokenLease minted = cache.get(credentials("secret"), FIFTY_MINUTES, asking);
        TokenLease reused = cache.get(credentials("secret"), FIFTY_MINUTES, asking);

        assertThat(minted.token().value(), is("token-1"));
        assertThat(minted.user(), is(nullValue()));
        assertThat(minted.userUnknown(), sameInstance(refused));
        assertThat(reused.userUnknown(), sameInstance(refused));
        assertThat(asking.lookups.get(), is(1));
    }

    @Test
    void aLeaseSaysWhenItsTokenWasIssued() throws Exception {
        Instant mintedAt = clock.instant();
        cache.get(credentials("secret"), FIFTY_MINUTES, source);
        clock.advance(Duration.ofMinutes(5));

        assertThat(cache.get(credentials("secret"), FIFTY_MINUTES, source).issuedAt(), is(mintedAt));
    }

    @Test
    void aTokenPutInKeepsTheUserItWasProvedWith() throws Exception {
        AccessToken fresh = new AccessToken("minted-elsewhere", clock.instant().plusSeconds(3599));

        cache.put(credentials("secret"), fresh, new JamaUser("tester", "CREATOR"));

        TokenLease lease = cache.get(credentials("secret"), FIFTY_MINUTES, source);
        assertThat(lease.user(), is(new JamaUser("tester", "CREATOR")));
        assertThat(lease.issuedAt(), is(clock.instant()));
    }

    @Test
    void removeForgetsTheCachedTokenOfThoseCredentialsOnly() throws Exception {
        TokenLease first = cache.get(credentials("secret"), FIFTY_MINUTES, source);
        TokenLease other = cache.get(credentials("other"), FIFTY_MINUTES, source);

        cache.remove(credentials("secret"));
        cache.remove(credentials("never-cached"));

        assertThat(
                cache.get(credentials("secret"), FIFTY_MINUTES, source).token().value(),
                not(first.token().value()));
        assertThat(cache.get(credentials("other"), FIFTY_MINUTES, source).token(), sameInstance(other.token()));
        assertThat(source.mints.get(), is(3));
    }

    @Test
    void anInvalidatedTokenIsNoFallback() throws Exception {
        TokenLease first = cache.get(credentials("secret"), FIFTY_MINUTES, source);
        cache.invalidate(credentials("secret"), first.token());

        assertThrows(
                JamaException.class,
                () -> cache.get(credentials("secret"), FIFTY_MINUTES, creds -> {
                    throw new JamaException(Reason.SERVER_ERROR, "Jama is down");
                }));
    }

    @Test
    void aCallerNeverGetsBackTheTokenItJustInvalidated() throws Exception {
        HeldPublish hold = new HeldPublish();
        TokenCache held = new TokenCache(clock, 100, hold);
        ClientCredentials a = credentials("secret");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<TokenLease> leader = pool.submit(() -> held.get(a, FIFTY_MINUTES, source));
            hold.awaitPublished();

            // the new token is visible while its minting thread is held
            TokenLease seen = held.get(a, FIFTY_MINUTES, source);
            held.invalidate(a, seen.token());
            Future<TokenLease> again = pool.submit(() -> held.get(a, FIFTY_MINUTES, source));
            spinUntil(() -> held.waitingForMint(a) == 1 || again.isDone(), "the second get to wait or finish");
            hold.release();

            assertThat(leader.get(60, TimeUnit.SECONDS).token(), sameInstance(seen.token()));
            assertThat(
                    again.get(60, TimeUnit.SECONDS).token().value(),
                    not(seen.token().value()));
        } finally {
            hold.release();
            pool.shutdownNow();
        }
    }

    @Test
    void aWaiterNeverGetsATokenInvalidatedBeforeItWoke() throws Exception {
        HeldPublish hold = new HeldPublish();
        TokenCache held = new TokenCache(clock, 100, hold);
        ClientCredentials a = credentials("secret");
        CountDownLatch mintStarted = new CountDownLatch(1);
        CountDownLatch finishMint = new CountDownLatch(1);
        TokenSource firstHeld = creds -> {
            if (source.mints.get() == 0) {
                mintStarted.countDown();
                finishMint.await();
            }
            return source.mint(creds);
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<TokenLease> leader = pool.submit(() -> held.get(a, FIFTY_MINUTES, firstHeld));
            mintStarted.await();
            Future<TokenLease> waiter = pool.submit(() -> held.get(a, FIFTY_MINUTES, firstHeld));
            spinUntil(() -> held.waitingForMint(a) == 1, "a caller to wait for the mint");
            finishMint.countDown();
            hold.awaitPublished();

            TokenLease seen = held.get(a, FIFTY_MINUTES, firstHeld);
            held.invalidate(a, seen.token());
            hold.release();

            assertThat(leader.get(60, TimeUnit.SECONDS).token(), sameInstance(seen.token()));
            assertThat(
                    waiter.get(60, TimeUnit.SECONDS).token().value(),
                    not(seen.token().value()));
        } finally {
            finishMint.countDown();
            hold.release();
            pool.shutdownNow();
        }
    }

    @Test
    void manyThreadsInvalidatingAndGettingAgainNeverGetBackWhatTheyInvalidated() throws Exception {
        int threads = 8;
        int rounds = 2000;
        ClientCredentials a = credentials("secret");
        AtomicInteger numbers = new AtomicInteger();
        TokenSource unique = creds -> new TokenSource.Minted(
                new AccessToken(
                        "token-" + numbers.incrementAndGet(), clock.instant().plusSeconds(3599)),
                null,
                null);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    List<String> gotBack = new ArrayList<>();
                    for (int i = 0; i < rounds; i++) {
                        AccessToken first = cache.get(a, FIFTY_MINUTES, unique).token();
                        cache.invalidate(a, first);
                        AccessToken second = cache.get(a, FIFTY_MINUTES, unique).token();
                        if (second.value().equals(first.value())) {
                            gotBack.add(first.value());
                        }
                    }
                    return gotBack;
                }));
            }
            start.countDown();
            List<String> gotBack = new ArrayList<>();
            for (Future<List<String>> result : results) {
                gotBack.addAll(result.get(120, TimeUnit.SECONDS));
            }
            assertThat(gotBack, is(List.of()));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void staysWithinItsBoundDroppingExpiredEntriesFirst() throws Exception {
        TokenCache small = new TokenCache(clock, 3);
        CountingSource shortLived = new CountingSource(Duration.ofMinutes(1));
        small.get(credentials("expiring"), Duration.ZERO, shortLived);
        small.get(credentials("a"), Duration.ZERO, source);
        small.get(credentials("b"), Duration.ZERO, source);
        clock.advance(Duration.ofMinutes(2));

        small.get(credentials("c"), Duration.ZERO, source);
        small.get(credentials("a"), Duration.ZERO, source);
        small.get(credentials("b"), Duration.ZERO, source);

        assertThat(small.size(), is(3));
        assertThat(source.mints.get(), is(3));
        for (int i = 0; i < 20; i++) {
            small.get(credentials("more-" + i), Duration.ZERO, source);
            assertThat(small.size(), lessThanOrEqualTo(3));
        }
    }

    @Test
    void aFullCacheNeverEvictsAKeyWhoseMintIsInFlight() throws Exception {
        TokenCache small = new TokenCache(clock, 1);
        ClientCredentials a = credentials("a");
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger mintsForA = new AtomicInteger();
        TokenSource heldOpen = creds -> {
            int number = mintsForA.incrementAndGet();
            release.await();
            return new TokenSource.Minted(
                    new AccessToken("token-a-" + number, clock.instant().plusSeconds(3599)), null, null);
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<TokenLease> first = pool.submit(() -> small.get(credentials("a"), FIFTY_MINUTES, heldOpen));
            spinUntil(() -> mintsForA.get() == 1, "the mint for A to start");

            small.get(credentials("b"), FIFTY_MINUTES, source);
            Future<TokenLease> second = pool.submit(() -> small.get(credentials("a"), FIFTY_MINUTES, heldOpen));
            spinUntil(
                    () -> small.waitingForMint(a) == 1 || mintsForA.get() == 2,
                    "the second caller for A to join the mint or start its own");
            release.countDown();

            assertThat(mintsForA.get(), is(1));
            assertThat(
                    second.get(60, TimeUnit.SECONDS).token(),
                    sameInstance(first.get(60, TimeUnit.SECONDS).token()));
            assertThat(small.size(), is(2));
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void theBoundHoldsAgainOnceTheMintsAreDone() throws Exception {
        TokenCache small = new TokenCache(clock, 2);
        for (int i = 0; i < 10; i++) {
            small.get(credentials("key-" + i), FIFTY_MINUTES, source);
            assertThat(small.size(), lessThanOrEqualTo(2));
        }
    }

    @Test
    void aThousandConcurrentRequestsForOneKeyMintOnce() throws Exception {
        int callers = 1000;
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger mints = new AtomicInteger();
        TokenSource slowMint = creds -> {
            mints.incrementAndGet();
            awaitWaiters(creds, callers - 1);
            return new TokenSource.Minted(
                    new AccessToken("the-one-token", clock.instant().plusSeconds(3599)), null, null);
        };
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<TokenLease>> leases = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                leases.add(pool.submit(() -> {
                    start.await();
                    return cache.get(credentials("secret"), FIFTY_MINUTES, slowMint);
                }));
            }
            start.countDown();
            Set<String> tokens = new HashSet<>();
            for (Future<TokenLease> lease : leases) {
                TokenLease got = lease.get(60, TimeUnit.SECONDS);
                tokens.add(got.token().value());
                assertThat(got.refreshFailure(), is(nullValue()));
                assertThat(got.reused(), is(false));
            }
            assertThat(mints.get(), is(1));
            assertThat(tokens, is(Set.of("the-one-token")));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentCallersShareAFailedMintToo() throws Exception {
        int callers = 50;
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger mints = new AtomicInteger();
        TokenSource failing = creds -> {
            mints.incrementAndGet();
            awaitWaiters(creds, callers - 1);
            throw new JamaException(Reason.INVALID_CLIENT, "rejected");
        };
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<Reason>> outcomes = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                outcomes.add(pool.submit(() -> {
                    start.await();
                    try {
                        cache.get(credentials("secret"), FIFTY_MINUTES, failing);
                        return null;
                    } catch (JamaException e) {
                        return e.getReason();
                    }
                }));
            }
            start.countDown();
            for (Future<Reason> outcome : outcomes) {
                assertThat(outcome.get(60, TimeUnit.SECONDS), is(Reason.INVALID_CLIENT));
            }
            assertThat(mints.get(), is(1));
        } finally {
            pool.shutdownNow();
        }
        // the failure is not cached: the next request tries again
        assertThat(cache.get(credentials("secret"), FIFTY_MINUTES, source).reused(), is(false));
    }

    @Test
    void anInterruptedMintLetsTheNextCallerMint() throws Exception {
        TokenSource interrupted = creds -> {
            throw new InterruptedException();
        };
        assertThrows(InterruptedException.class, () -> cache.get(credentials("secret"), FIFTY_MINUTES, interrupted));

        assertThat(cache.get(credentials("secret"), FIFTY_MINUTES, source).reused(), is(false));
    }

    /**
     * Holds a mint until {@code count} other callers wait for it, so the test proves they shared it rather than
     * arriving after it. Spins (no sleep) and gives up after 30 seconds.
     */
    private void awaitWaiters(ClientCredentials credentials, int count) {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (cache.waitingForMint(credentials) < count) {
            if (System.nanoTime() > giveUp) {
                throw new IllegalStateException("only " + cache.waitingForMint(credentials) + " callers waited");
            }
            Thread.yield();
        }
    }

    /** Spins (no sleep) until {@code condition} holds; gives up after 30 seconds. */
    private static void spinUntil(BooleanSupplier condition, String what) {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > giveUp) {
                throw new IllegalStateException("gave up waiting for " + what);
            }
            Thread.yield();
        }
    }

    private static ClientCredentials credentials(String secret) throws JamaException {
        return new ClientCredentials(JamaBaseUrl.parse("https://example.jamacloud.com"), "client-id", secret);
    }

    /** Holds the first minting thread right after it published its token, until released. */
    private static final class HeldPublish implements Runnable {
        private final CountDownLatch published = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private final AtomicInteger calls = new AtomicInteger();

        @Override
        public void run() {
            if (calls.incrementAndGet() > 1) {
                return;
            }
            published.countDown();
            try {
                if (!released.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void awaitPublished() throws InterruptedException {
            if (!published.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no token was published");
            }
        }

        void release() {
            released.countDown();
        }
    }

    /** Mints numbered tokens of a fixed lifetime from the test clock. */
    private final class CountingSource implements TokenSource {
        private final Duration lifetime;
        private final AtomicInteger mints = new AtomicInteger();

        CountingSource(Duration lifetime) {
            this.lifetime = lifetime;
        }

        @Override
        public Minted mint(ClientCredentials credentials) {
            return new Minted(
                    new AccessToken(
                            "token-" + mints.incrementAndGet(), clock.instant().plus(lifetime)),
                    null,
                    null);
        }
    }

    /** Mints like {@link CountingSource} and answers the user lookup, or fails it with {@code failure}. */
    private final class UserAskingSource implements TokenSource {
        private final JamaException failure;
        private final CountingSource minting = new CountingSource(Duration.ofSeconds(3599));
        private final AtomicInteger lookups = new AtomicInteger();

        UserAskingSource(JamaException failure) {
            this.failure = failure;
        }

        @Override
        public Minted mint(ClientCredentials credentials) {
            AccessToken token = minting.mint(credentials).token();
            lookups.incrementAndGet();
            return failure != null
                    ? new Minted(token, null, failure)
                    : new Minted(token, new JamaUser("user-of-" + token.value(), "CREATOR"), null);
        }
    }
}
