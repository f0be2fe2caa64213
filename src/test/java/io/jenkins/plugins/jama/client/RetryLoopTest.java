package io.jenkins.plugins.jama.client;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jenkins.plugins.jama.client.JamaException.Reason;
import io.jenkins.plugins.jama.fake.ManualClock;
import io.jenkins.plugins.jama.fake.RecordingSleeper;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The retry loop on its own, with attempts that stand in for calls to Jama and a clock that only moves on request. */
class RetryLoopTest {

    private static final URI TOKEN_URI = URI.create("https://jama.example.com/rest/oauth/token");
    private static final URI USER_URI = URI.create("https://jama.example.com/rest/v1/users/current");
    private static final String SERVER_TEXT = "c4gj8xhzx5fyej16bzv9l1brh";

    private final ManualClock clock = new ManualClock();
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private final Logger logger = Logger.getLogger(RetryLoop.class.getName());
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void listen() {
        logger.addHandler(handler);
    }

    @AfterEach
    void stopListening() {
        logger.removeHandler(handler);
    }

    @Test
    void anUnexpectedRuntimeExceptionBecomesAMalformedResponseThatNamesTheAddressOnly() {
        RetryLoop loop = loop(ClientOptions.defaults());

        JamaException e = assertThrows(
                JamaException.class,
                () -> loop.run(TOKEN_URI, timeout -> {
                    throw new IllegalStateException("Jama said " + SERVER_TEXT);
                }));

        assertThat(e.getReason(), is(Reason.MALFORMED_RESPONSE));
        assertThat(e.getUri(), is(TOKEN_URI));
        assertThat(e.getMessage(), containsString(TOKEN_URI.toString()));
        assertThat(e.getMessage(), containsString("IllegalStateException"));
        assertThat(e.getMessage(), not(containsString(SERVER_TEXT)));
        assertThat(e.getCause(), is(nullValue()));
        assertThat(sleeper.waits(), is(List.of()));
        List<LogRecord> warnings =
                logged.stream().filter(r -> r.getLevel() == Level.WARNING).toList();
        assertThat(warnings, hasSize(1));
        String text = new SimpleFormatter().format(warnings.get(0));
        assertThat(text, containsString("java.lang.IllegalStateException"));
        assertThat(text, containsString(TOKEN_URI.toString()));
        assertThat(text, not(containsString(SERVER_TEXT)));
        assertThat(warnings.get(0).getThrown(), is(nullValue()));
    }

    @Test
    void aTimeoutSaysHowLongWasWaitedInAllAndHowManyAttemptsWereMade() {
        // 20 s attempt, 2 s wait, 20 s attempt, 4 s wait, 14 s attempt (what is left of 60 s); the next wait would
        // end after the deadline
        JamaException e = assertThrows(
                JamaException.class, () -> loop(ClientOptions.defaults()).run(TOKEN_URI, this::timeOut));

        assertThat(e.getReason(), is(Reason.TIMEOUT));
        assertThat(e.getMessage(), containsString("did not answer within 60 seconds (3 attempts)"));
        assertThat(e.getUri(), is(TOKEN_URI));
    }

    @Test
    void aTimeoutUnderAShortDeadlineSaysTheTimeReallyWaited() {
        ClientOptions options = ClientOptions.defaults().withDeadline(Duration.ofSeconds(3));

        JamaException e = assertThrows(JamaException.class, () -> loop(options).run(TOKEN_URI, this::timeOut));

        assertThat(e.getMessage(), containsString("did not answer within 3 seconds (1 attempt)"));
    }

    @Test
    void aTimeoutRoundsUpToWholeSecondsAndNeverSaysZero() {
        ClientOptions once = ClientOptions.defaults().withMaxAttempts(1);
        ClientOptions shortDeadline = ClientOptions.defaults().withDeadline(Duration.ofMillis(2500));

        JamaException quick = assertThrows(
                JamaException.class,
                () -> loop(once).run(TOKEN_URI, timeout -> {
                    throw HttpCaller.failure(new HttpTimeoutException("request timed out"), TOKEN_URI, timeout);
                }));
        JamaException twoAndAHalf =
                assertThrows(JamaException.class, () -> loop(shortDeadline).run(TOKEN_URI, this::timeOut));

        assertThat(quick.getMessage(), containsString("did not answer within 1 second (1 attempt)"));
        assertThat(twoAndAHalf.getMessage(), containsString("did not answer within 3 seconds (1 attempt)"));
    }

    @Test
    void callsSharingADeadlineGetOnlyWhatIsLeftOfIt() throws Exception {
        RetryLoop loop = loop(ClientOptions.defaults().withDeadline(Duration.ofSeconds(20)));
        Deadline deadline = loop.newDeadline();
        List<Duration> timeouts = new CopyOnWriteArrayList<>();

        loop.run(TOKEN_URI, deadline, timeout -> {
            timeouts.add(timeout);
            clock.advance(Duration.ofSeconds(15));
            return "token";
        });
        loop.run(USER_URI, deadline, timeout -> {
            timeouts.add(timeout);
            return "user";
        });

        assertThat(timeouts, is(List.of(Duration.ofSeconds(20), Duration.ofSeconds(5))));
    }

    @Test
    void aCallAfterTheSharedDeadlineIsNotMadeAtAll() throws Exception {
        RetryLoop loop = loop(ClientOptions.defaults().withDeadline(Duration.ofSeconds(20)));
        Deadline deadline = loop.newDeadline();
        loop.run(TOKEN_URI, deadline, timeout -> {
            clock.advance(Duration.ofSeconds(20));
            return "token";
        });

        JamaException e = assertThrows(
                JamaException.class,
                () -> loop.run(USER_URI, deadline, timeout -> {
                    throw new AssertionError("no call should be made");
                }));

        assertThat(e.getReason(), is(Reason.TIMEOUT));
        assertThat(e.getUri(), is(USER_URI));
        assertThat(e.getMessage(), containsString("no time left to call Jama at " + USER_URI));
        assertThat(e.getMessage(), containsString("all of the 20 seconds allowed"));
    }

    /** An attempt that uses all the time it was given and then times out, as a silent Jama makes it. */
    private <T> T timeOut(Duration timeout) throws JamaException {
        clock.advance(timeout);
        throw HttpCaller.failure(new HttpTimeoutException("request timed out"), TOKEN_URI, timeout);
    }

    private RetryLoop loop(ClientOptions options) {
        return new RetryLoop(
                options,
                new RetryLoop.Backoff(options.initialBackoff(), options.maxBackoff(), () -> 1.0),
                clock,
                sleeper);
    }
}
