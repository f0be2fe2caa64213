package io.jenkins.plugins.jama.credentials;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.sameInstance;

import io.jenkins.plugins.jama.client.AccessToken;
import io.jenkins.plugins.jama.client.ClientCredentials;
import io.jenkins.plugins.jama.client.JamaBaseUrl;
import io.jenkins.plugins.jama.client.JamaException;
import io.jenkins.plugins.jama.client.JamaHttp;
import io.jenkins.plugins.jama.client.JamaUser;
import io.jenkins.plugins.jama.client.ObtainedToken;
import io.jenkins.plugins.jama.client.TokenCache;
import io.jenkins.plugins.jama.client.TokenSource;
import io.jenkins.plugins.jama.fake.FakeJamaExtension;
import io.jenkins.plugins.jama.fake.FakeJamaServer;
import io.jenkins.plugins.jama.fake.ManualClock;
import io.jenkins.plugins.jama.fake.RecordingSleeper;
import io.jenkins.plugins.jama.fake.TokenMode;
import io.jenkins.plugins.jama.fake.UserMode;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Test Connection button without Jenkins: against the fake Jama, on a clock that moves only when told. */
class ConnectionCheckTest {

    private final ManualClock clock = new ManualClock();
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private static final Duration FIFTY_MINUTES = Duration.ofMinutes(50);
    private static final TokenSource NO_MINT = credentials -> {
        throw new AssertionError("the cache should hold a token");
    };

    @RegisterExtension
    final FakeJamaExtension fakeJama = new FakeJamaExtension();

    private FakeJamaServer jama;
    private final TokenCache cache = new TokenCache(clock, 10);

    @BeforeEach
    void beforeEach(FakeJamaServer jama) {
        this.jama = jama;
    }

    @Test
    void namesTheUserAndHowLongTheTokenLasts() {
        FormMessage message = connectionTest().run(jama.baseUrl(), jama.clientId(), jama.clientSecret());

        assertThat(message.kind(), is(FormMessage.Kind.WARNING)); // plain http
        assertThat(message.text(), containsString("Connected as " + FakeJamaServer.USERNAME + " (NAMED)"));
        assertThat(message.text(), containsString("token valid for 60 min"));
    }

    @Test
    void theTokenAndTheUserCallShareOneDeadline() {
        jama.onTokenRequest(() -> clock.advance(Duration.ofSeconds(21)));

        FormMessage message = connectionTest().run(jama.baseUrl(), jama.clientId(), jama.clientSecret());

        assertThat(message.kind(), is(FormMessage.Kind.ERROR));
        assertThat(message.text(), containsString("no time left to call Jama at " + jama.baseUrl()));
        assertThat(jama.mints(), is(1));
        assertThat(jama.userRequests(), is(0));
    }

    @Test
    void alwaysMintsAnewAndPutsTheTokenThatWorkedIntoTheCache() throws Exception {
        ClientCredentials credentials = credentials();
        AccessToken old = cache.get(credentials, FIFTY_MINUTES, creds -> token("cached-before"))
                .token();

        FormMessage message = connectionTest().run(jama.baseUrl(), jama.clientId(), jama.clientSecret());

        assertThat(message.kind(), is(FormMessage.Kind.WARNING));
        assertThat(jama.mints(), is(1));
        ObtainedToken lease = cache.get(credentials, FIFTY_MINUTES, NO_MINT);
        assertThat(lease.token().value(), is(jama.lastIssuedToken()));
        assertThat(lease.token().value(), not(old.value()));
    }

    @Test
    void rejectedCredentialsLoseTheirCachedToken() throws Exception {
        ClientCredentials credentials = credentials();
        cache.get(credentials, FIFTY_MINUTES, creds -> token("cached-before"));
        jama.tokenMode(TokenMode.INVALID_CLIENT);

        FormMessage message = connectionTest().run(jama.baseUrl(), jama.clientId(), jama.clientSecret());

        assertThat(message.kind(), is(FormMessage.Kind.ERROR));
        assertThat(message.text(), containsString("rejected the client ID or client secret"));
        ObtainedToken lease = cache.get(credentials, FIFTY_MINUTES, creds -> token("minted-after"));
        assertThat(lease.token().value(), is("minted-after"));
    }

    @Test
    void otherFailuresKeepTheCachedToken() throws Exception {
        ClientCredentials credentials = credentials();
        AccessToken old = cache.get(credentials, FIFTY_MINUTES, creds -> token("cached-before"))
                .token();
        jama.tokenMode(TokenMode.SERVER_ERROR);

        FormMessage message = connectionTest().run(jama.baseUrl(), jama.clientId(), jama.clientSecret());

        assertThat(message.kind(), is(FormMessage.Kind.ERROR));
        assertThat(cache.get(credentials, FIFTY_MINUTES, NO_MINT).token(), sameInstance(old));
    }

    @Test
    void aTokenThatJamaRefusesForTheUserIsNotCached() throws Exception {
        ClientCredentials credentials = credentials();
        AccessToken old = cache.get(credentials, FIFTY_MINUTES, creds -> token("cached-before"))
                .token();
        jama.userMode(UserMode.FORBIDDEN_NOT_PERMITTED);

        FormMessage message = connectionTest().run(jama.baseUrl(), jama.clientId(), jama.clientSecret());

        assertThat(message.kind(), is(FormMessage.Kind.ERROR));
        assertThat(jama.mints(), is(1));
        assertThat(cache.get(credentials, FIFTY_MINUTES, NO_MINT).token(), sameInstance(old));
    }

    @Test
    void namesWhatIsWrongWithTheFormBeforeSendingAnything() {
        FormMessage badId = connectionTest().run(jama.baseUrl(), jama.clientId() + ":x", "");
        FormMessage noSecret = connectionTest().run(jama.baseUrl(), jama.clientId(), " ");

        assertThat(badId.kind(), is(FormMessage.Kind.ERROR));
        assertThat(badId.text(), containsString("The client ID contains a colon"));
        assertThat(noSecret.kind(), is(FormMessage.Kind.ERROR));
        assertThat(noSecret.text(), containsString("only once"));
        assertThat(jama.tokenRequests(), is(0));
    }

    private ClientCredentials credentials() throws Exception {
        return new ClientCredentials(JamaBaseUrl.parse(jama.baseUrl()), jama.clientId(), jama.clientSecret());
    }

    private TokenSource.Minted token(String value) {
        return new TokenSource.Minted(new AccessToken(value, clock.instant().plusSeconds(3599)), null, null);
    }

    private ConnectionCheck connectionTest() {
        return new ConnectionCheck(
                jama.newTokenClient(JamaHttp.Limits.FOR_CONNECTION_TEST, clock, sleeper), cache, clock);
    }

    // ---- the words

    @Test
    void successNamesUserLicenceAndTokenLifetime() {
        FormMessage message =
                ConnectionCheck.connected(new JamaUser("jressler", "NAMED"), Duration.ofSeconds(3599), true);

        assertThat(message, is(FormMessage.ok("Connected as jressler (NAMED); token valid for 60 min")));
    }

    @Test
    void unknownLicenceTypeIsLeftOut() {
        FormMessage message = ConnectionCheck.connected(new JamaUser("svc", null), Duration.ofMinutes(15), true);

        assertThat(message, is(FormMessage.ok("Connected as svc; token valid for 15 min")));
    }

    @Test
    void successOverHttpIsAWarning() {
        FormMessage message = ConnectionCheck.connected(new JamaUser("svc", "NAMED"), Duration.ofMinutes(59), false);

        assertThat(message.kind(), is(FormMessage.Kind.WARNING));
        assertThat(
                message.text(),
                is("Connected as svc (NAMED); token valid for 59 min. The connection uses plain http, so the client"
                        + " secret and tokens travel unencrypted."));
    }

    @Test
    void failureShowsTheClientsMessage() {
        JamaException rejected = new JamaException(
                JamaException.Reason.INVALID_CLIENT,
                "Jama at https://example.jamacloud.com rejected the client ID or secret.");

        assertThat(
                ConnectionCheck.failed(rejected),
                is(FormMessage.error("Jama at https://example.jamacloud.com rejected the client ID or secret.")));
    }

    @Test
    void minutesAreRoundedToTheNearest() {
        assertThat(ConnectionCheck.roundedMinutes(Duration.ofSeconds(89)), is(1L));
        assertThat(ConnectionCheck.roundedMinutes(Duration.ofSeconds(90)), is(2L));
        assertThat(ConnectionCheck.roundedMinutes(Duration.ZERO), is(0L));
        assertThat(ConnectionCheck.roundedMinutes(Duration.ofSeconds(-5)), is(0L));
    }
}
