package io.jenkins.plugins.jama.client;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
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
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TokenCacheTest {

    private static final Duration FIFTY_MINUTES = Duration.ofMinutes(50);

    private final ManualClock clock = new ManualClock();
    private final TokenCache cache = new TokenCache(clock, 100);
    private final CountingSource source = new CountingSource(Duration.ofSeconds(3599));

    @Test
    void reusesATokenThatStillHasTheRequestedValidity() throws Exception {
        ObtainedToken first = cache.get(credentials("secret"), FIFTY_MINUTES, source);
        clock.advance(Duration.ofMinutes(9));
        ObtainedToken second = cache.get(credentials("secret"), FIFTY_MINUTES, source);

        assertThat(first.reused(), is(false));
        assertThat(second.reused(), is(true));
        assertThat(second.token(), sameInstance(first.token()));
        assertThat(source.mints.get(), is(1));
    }

    @Test
    void mintsAgainOnceTooLittleValidityIsLeft() throws Exception {
        ObtainedToken first = cache.get(credentials("secret"), FIFTY_MINUTES, source);
        clock.advance(Duration.ofSeconds(3599 - 3000 + 1));

        ObtainedToken second = cache.get(credentials("secret"), FIFTY_MINUTES, source);

        assertThat(second.reused(), is(false));
        assertThat(second.token().value(), not(first.token().value()));
        assertThat(source.mints.get(), is(2));
    }

    @Test
    void tokensShorterThanTheRequestAreMintedFreshAndThenSharedWhileInTheirFirstTenth() throws Exception {
        CountingSource shortLived = new CountingSource(Duration.ofMinutes(5));

        ObtainedToken first = cache.get(credentials("secret"), FIFTY_MINUTES, shortLived);
        clock.advance(Duration.ofSeconds(30));
        ObtainedToken soonAfter = cache.get(credentials("secret"), FIFTY_MINUTES, shortLived);
        clock.advance(Duration.ofSeconds(1));
        ObtainedToken later = cache.get(credentials("secret"), FIFTY_MINUTES, shortLived);

        assertThat(first.reused(), is(false));
        assertThat(soonAfter.token(), sameInstance(first.token()));
        assertThat(later.reused(), is(false));
        assertThat(shortLived.mints.get(), is(2));
    }

    @Test
    void aLeaseSaysWhenJamaIssuesTokensShorterThanAsked() throws Exception {
        CountingSource halfHour = new CountingSource(Duration.ofMinutes(30));

        ObtainedToken minted = cache.get(credentials("secret"), FIFTY_MINUTES, halfHour);
        clock.advance(Duration.ofMinutes(1));
        ObtainedToken reused = cache.get(credentials("secret"), FIFTY_MINUTES, halfHour);

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

        ObtainedToken again = cache.get(credentials("secret"), FIFTY_MINUTES, source);

        assertThat(again.reused(), is(true));
    }

    @Test
    void aRotatedSecretNeverGetsTheOldToken() throws Exception {
        ObtainedToken old = cache.get(credentials("old-secret"), FIFTY_MINUTES, source);

        ObtainedToken rotated = cache.get(credentials("new-secret"), FIFTY_MINUTES, source);

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
        ObtainedToken first = cache.get(credentials("secret"), FIFTY_MINUTES, source);
        clock.advance(Duration.ofMinutes(30));
        JamaException outage = new JamaException(Reason.SERVER_ERROR, "Jama is down");

        ObtainedToken lease = cache.get(credentials("secret"), FIFTY_MINUTES, creds -> {
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
    void aTokenPutInReplacesTheCachedOne() throws Exception {
        cache.get(credentials("secret"), FIFTY_MINUTES, source);
        AccessToken fresh = new AccessToken("minted-elsewhere", clock.instant().plusSeconds(3599));

        cache.put(credentials("secret"), fresh, new JamaUser("tester", null));
        ObtainedToken lease = cache.get(credentials("secret"), FIFTY_MINUTES, source);

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

        ObtainedToken minted = cache.get(credentials("secret"), FIFTY_MINUTES, asking);
        clock.advance(Duration.ofMinutes(5));
        ObtainedToken reused = cache.get(credentials("secret"), FIFTY_MINUTES, asking);

        assertThat(minted.user(), is(new JamaUser("user-of-token-1", "CREATOR")));
        assertThat(reused.user(), is(minted.user()));
        assertThat(reused.reused(), is(true));
        assertThat(asking.lookups.get(), is(1));
    }

    @Test
    void aFailedUserLookupStillHandsOutTheTokenAndSaysWhy() throws Exception {
        JamaException refused = new JamaException(Reason.NOT_PERMITTED, "not permitted to use the API");
        UserAskingSource asking = new UserAskingSource(refused);

        ObtainedToken minted = cache.get(credentials("secret"), FIFTY_MINUTES, asking);
        ObtainedToken reused = cache.get(credentials("secret"), FIFTY_MINUTES, asking);

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

        ObtainedToken lease = cache.get(credentials("secret"), FIFTY_MINUTES, source);
        assertThat(lease.user(), is(new JamaUser("tester", "CREATOR")));
        assertThat(lease.issuedAt(), is(clock.instant()));
    }

    @Test
    void removeForgetsTheCachedTokenOfThoseCredentialsOnly() throws Exception {
        ObtainedToken first = cache.get(credentials("secret"), FIFTY_MINUTES, source);
        ObtainedToken other = cache.get(credentials("other"), FIFTY_MINUTES, source);

        cache.remove(credentials("secret"));
        cache.remove(credentials("never-cached"));

        assertThat(
                cache.get(credentials("secret"), FIFTY_MINUTES, source).token().value(),
                not(first.token().value()));
        assertThat(cache.get(credentials("other"), FIFTY_MINUTES, source).token(), sameInstance(other.token()));
        assertThat(source.mints.get(), is(3));
    }

    @Test
    void aFullCacheDropsExpiredTokensFirst() throws Exception {
        TokenCache small = new TokenCache(clock, 3);
        CountingSource shortLived = new CountingSource(Duration.ofMinutes(1));
        small.get(credentials("expiring"), Duration.ZERO, shortLived);
        small.get(credentials("a"), Duration.ZERO, source);
        small.get(credentials("b"), Duration.ZERO, source);
        clock.advance(Duration.ofMinutes(2));

        small.get(credentials("c"), Duration.ZERO, source);

        assertThat(small.get(credentials("a"), Duration.ZERO, source).reused(), is(true));
        assertThat(small.get(credentials("b"), Duration.ZERO, source).reused(), is(true));
        assertThat(source.mints.get(), is(3));
    }

    @Test
    void aFullCacheThenDropsTheTokenThatExpiresSoonest() throws Exception {
        TokenCache small = new TokenCache(clock, 3);
        for (String key : List.of("a", "b", "c")) {
            small.get(credentials(key), FIFTY_MINUTES, source);
            clock.advance(Duration.ofMinutes(1));
        }

        small.get(credentials("d"), FIFTY_MINUTES, source);

        assertThat(small.get(credentials("b"), FIFTY_MINUTES, source).reused(), is(true));
        assertThat(small.get(credentials("c"), FIFTY_MINUTES, source).reused(), is(true));
        assertThat(small.get(credentials("d"), FIFTY_MINUTES, source).reused(), is(true));
        assertThat(small.get(credentials("a"), FIFTY_MINUTES, source).reused(), is(false));
    }

    @Test
    void aFullCacheNeverEvictsAKeyWhoseMintIsInFlight() throws Exception {
        TokenCache small = new TokenCache(clock, 1);
        BlockingSource heldOpen = new BlockingSource(source);
        List<Thread> threads = new ArrayList<>();
        try {
            FutureTask<ObtainedToken> first =
                    start(() -> small.get(credentials("a"), FIFTY_MINUTES, heldOpen), threads);
            awaitAllWaiting(threads);

            small.get(credentials("b"), FIFTY_MINUTES, source);
            FutureTask<ObtainedToken> second =
                    start(() -> small.get(credentials("a"), FIFTY_MINUTES, heldOpen), threads);
            awaitAllWaiting(threads);
            heldOpen.release();

            assertThat(
                    second.get(60, TimeUnit.SECONDS).token(),
                    sameInstance(first.get(60, TimeUnit.SECONDS).token()));
            assertThat(heldOpen.calls.get(), is(1));
            assertThat(small.get(credentials("b"), FIFTY_MINUTES, source).reused(), is(true));
        } finally {
            heldOpen.release();
            join(threads);
        }
    }

    @Test
    void concurrentRequestsForOneKeyShareOneMint() throws Exception {
        cache.get(credentials("warm-up"), FIFTY_MINUTES, source);
        BlockingSource slowMint = new BlockingSource(source);
        List<Thread> threads = new ArrayList<>();
        List<FutureTask<ObtainedToken>> leases = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                leases.add(start(() -> cache.get(credentials("secret"), FIFTY_MINUTES, slowMint), threads));
            }
            awaitAllWaiting(threads);
            slowMint.release();

            Set<String> tokens = new HashSet<>();
            for (FutureTask<ObtainedToken> lease : leases) {
                ObtainedToken got = lease.get(60, TimeUnit.SECONDS);
                tokens.add(got.token().value());
                assertThat(got.refreshFailure(), is(nullValue()));
                assertThat(got.reused(), is(false));
            }
            assertThat(slowMint.calls.get(), is(1));
            assertThat(tokens, hasSize(1));
        } finally {
            slowMint.release();
            join(threads);
        }
    }

    @Test
    void concurrentCallersShareAFailedMintToo() throws Exception {
        cache.get(credentials("warm-up"), FIFTY_MINUTES, source);
        BlockingSource failing = new BlockingSource(creds -> {
            throw new JamaException(Reason.INVALID_CLIENT, "rejected");
        });
        List<Thread> threads = new ArrayList<>();
        List<FutureTask<Reason>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                outcomes.add(start(
                        () -> {
                            try {
                                cache.get(credentials("secret"), FIFTY_MINUTES, failing);
                                return null;
                            } catch (JamaException e) {
                                return e.getReason();
                            }
                        },
                        threads));
            }
            awaitAllWaiting(threads);
            failing.release();

            for (FutureTask<Reason> outcome : outcomes) {
                assertThat(outcome.get(60, TimeUnit.SECONDS), is(Reason.INVALID_CLIENT));
            }
            assertThat(failing.calls.get(), is(1));
        } finally {
            failing.release();
            join(threads);
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

    @Test
    void whenTheMintingThreadIsInterruptedAWaiterMintsInstead() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        BlockingSource interruptedOnce = new BlockingSource(creds -> {
            if (calls.incrementAndGet() == 1) {
                throw new InterruptedException();
            }
            return source.mint(creds);
        });
        List<Thread> threads = new ArrayList<>();
        try {
            FutureTask<ObtainedToken> leader =
                    start(() -> cache.get(credentials("secret"), FIFTY_MINUTES, interruptedOnce), threads);
            awaitAllWaiting(threads);
            FutureTask<ObtainedToken> waiter =
                    start(() -> cache.get(credentials("secret"), FIFTY_MINUTES, interruptedOnce), threads);
            awaitAllWaiting(threads);
            interruptedOnce.release();

            ExecutionException e = assertThrows(ExecutionException.class, () -> leader.get(60, TimeUnit.SECONDS));
            assertThat(e.getCause(), instanceOf(InterruptedException.class));
            assertThat(waiter.get(60, TimeUnit.SECONDS).token().value(), is("token-1"));
            assertThat(calls.get(), is(2));
        } finally {
            interruptedOnce.release();
            join(threads);
        }
    }

    private static <T> FutureTask<T> start(Callable<T> call, List<Thread> threads) {
        FutureTask<T> task = new FutureTask<>(call);
        Thread thread = new Thread(task, "caller-" + threads.size());
        threads.add(thread);
        thread.start();
        return task;
    }

    /** Spins (no sleep) until every thread waits, for a mint or inside one; gives up after 30 seconds. */
    private static void awaitAllWaiting(List<Thread> threads) {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!threads.stream()
                .allMatch(t -> t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING)) {
            if (System.nanoTime() > giveUp) {
                throw new IllegalStateException("the callers never all waited");
            }
            Thread.yield();
        }
    }

    private static void join(List<Thread> threads) throws InterruptedException {
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(60));
        }
    }

    private static ClientCredentials credentials(String secret) throws JamaException {
        return new ClientCredentials(JamaBaseUrl.parse("https://example.jamacloud.com"), "client-id", secret);
    }

    /** Holds every mint until released, then mints with {@code minting}; counts the mints asked for. */
    private static final class BlockingSource implements TokenSource {
        private final TokenSource minting;
        private final CountDownLatch released = new CountDownLatch(1);
        private final AtomicInteger calls = new AtomicInteger();

        BlockingSource(TokenSource minting) {
            this.minting = minting;
        }

        @Override
        public Minted mint(ClientCredentials credentials) throws JamaException, InterruptedException {
            calls.incrementAndGet();
            if (!released.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
            return minting.mint(credentials);
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
