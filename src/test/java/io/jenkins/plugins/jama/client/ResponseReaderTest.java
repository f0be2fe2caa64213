package io.jenkins.plugins.jama.client;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The token body and the {@code Retry-After} header; status handling is tested through {@link JamaTokenClient}. */
class ResponseReaderTest {
    private static final URI TOKEN_URI = URI.create("https://example.jamacloud.com/rest/oauth/token");
    private static final Instant REQUESTED_AT = Instant.parse("2026-01-02T10:00:00Z");

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{'access_token':'abc.def','token_type':'Bearer','expires_in':3599}|3599",
                "{'access_token':'abc.def','token_type':'bearer','expires_in':3599,'scope':'token_information',"
                        + "'application_data':{'JAMA_CORE':'x'},'tenant':'t','jti':'j'}|3599",
                "{'access_token':'abc.def','token_type':'BEARER','expires_in':'600'}|600",
                "{'access_token':'abc.def','token_type':'Bearer'}|300",
                "{'access_token':'abc.def','token_type':'Bearer','expires_in':null}|300",
                "{'access_token':'abc.def','token_type':'Bearer','expires_in':999999999}|86400",
                "{'access_token':'abc.def','token_type':'Bearer','expires_in':30,'new_field':[1,2]}|30",
            })
    void readsBothBodiesAndTheLifetime(String json, long seconds) throws Exception {
        AccessToken token = ResponseReader.token(read(json), TOKEN_URI, REQUESTED_AT, REQUESTED_AT);

        assertThat(token.value(), is("abc.def"));
        assertThat(token.expiresAt(), is(REQUESTED_AT.plusSeconds(seconds)));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{'token_type':'Bearer','expires_in':3599}|no access_token",
                "{'access_token':'','token_type':'Bearer'}|no access_token",
                "{'access_token':'  ','token_type':'Bearer'}|no access_token",
                "{'access_token':42,'token_type':'Bearer'}|no access_token",
                "{'access_token':'abc def','token_type':'Bearer'}|characters a bearer token cannot have",
                "{'access_token':'abc\\r\\nX-Evil: 1','token_type':'Bearer'}|characters a bearer token cannot have",
                "{'access_token':'abc','token_type':'mac'}|token_type is not bearer",
                "{'access_token':'abc'}|token_type is not bearer",
                "{'access_token':'abc','token_type':'Bearer','expires_in':0}|expires_in",
                "{'access_token':'abc','token_type':'Bearer','expires_in':-5}|expires_in",
                "{'access_token':'abc','token_type':'Bearer','expires_in':'soon'}|expires_in",
                "{'access_token':'abc','token_type':'Bearer','expires_in':1.5}|expires_in",
            })
    void refusesWhatCannotBeUsed(String json, String detail) throws Exception {
        JamaException e = assertThrows(
                JamaException.class, () -> ResponseReader.token(read(json), TOKEN_URI, REQUESTED_AT, REQUESTED_AT));

        assertThat(e.getReason(), is(JamaException.Reason.MALFORMED_RESPONSE));
        assertThat(e.getMessage(), containsString(detail));
        assertThat(e.getMessage(), containsString(TOKEN_URI.toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{'access_token':'sekrit-token','token_type':'mac'}"})
    void neverQuotesTheToken(String json) {
        JamaException e = assertThrows(
                JamaException.class, () -> ResponseReader.token(read(json), TOKEN_URI, REQUESTED_AT, REQUESTED_AT));

        assertThat(e.getMessage(), not(containsString("sekrit")));
    }

    private static com.fasterxml.jackson.databind.JsonNode read(String json) throws Exception {
        return new ObjectMapper().readTree(json.replace('\'', '"'));
    }

    private static final Instant ANSWERED_AT = Instant.parse("2026-01-02T10:00:00Z");

    @Test
    void readsSeconds() {
        assertThat(ResponseReader.retryAfter(" 30 ", ANSWERED_AT), is(Duration.ofSeconds(30)));
    }

    @Test
    void readsAnHttpDate() {
        assertThat(ResponseReader.retryAfter("Fri, 02 Jan 2026 10:01:30 GMT", ANSWERED_AT), is(Duration.ofSeconds(90)));
    }

    @Test
    void aDateInThePastMeansNoWait() {
        assertThat(ResponseReader.retryAfter("Fri, 02 Jan 2026 09:00:00 GMT", ANSWERED_AT), is(Duration.ZERO));
    }

    @Test
    void aDayIsTheLongestWait() {
        assertThat(ResponseReader.retryAfter("86400", ANSWERED_AT), is(Duration.ofDays(1)));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "86401",
                "100000000000000000",
                "9223372036854775807",
                "99999999999999999999999",
                "Fri, 31 Dec 9999 23:59:59 GMT",
                "Sat, 03 Jan 2026 10:00:01 GMT"
            })
    void anythingLongerCountsAsADay(String header) {
        assertThat(ResponseReader.retryAfter(header, ANSWERED_AT), is(Duration.ofDays(1)));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"soon", "-5", "1.5", "2026-01-02T10:01:30Z"})
    void ignoresWhatItCannotRead(String header) {
        assertThat(ResponseReader.retryAfter(header, ANSWERED_AT), is(nullValue()));
    }
}
