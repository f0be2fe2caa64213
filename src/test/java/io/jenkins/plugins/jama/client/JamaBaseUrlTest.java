package io.jenkins.plugins.jama.client;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class JamaBaseUrlTest {

    @ParameterizedTest
    @CsvSource({
        "https://example.jamacloud.com, https://example.jamacloud.com",
        "'  https://example.jamacloud.com/  ', https://example.jamacloud.com",
        "https://example.jamacloud.com///, https://example.jamacloud.com",
        "HTTPS://Example.JamaCloud.com, https://example.jamacloud.com",
        "https://example.jamacloud.com:443/, https://example.jamacloud.com",
        "https://jama.example.com:8443/contour/, https://jama.example.com:8443/contour",
        "https://jama.example.com/contour/rest/latest, https://jama.example.com/contour",
        "https://jama.example.com/contour/rest/v1/users/current, https://jama.example.com/contour",
        "https://jama.example.com/rest, https://jama.example.com",
        "https://jama.example.com/rest/, https://jama.example.com",
        "https://jama.example.com/rest/v1, https://jama.example.com",
        "https://jama.example.com/REST/V1/, https://jama.example.com",
        "https://jama.example.com/rest/labs/items, https://jama.example.com",
        "https://jama.example.com/rest/oauth/token, https://jama.example.com",
        "https://jama.example.com/jama/restricted, https://jama.example.com/jama/restricted",
        "https://jama.example.com/rest/other, https://jama.example.com/rest/other",
        "https://[::1]:8443/jama, https://[::1]:8443/jama",
    })
    void normalisesWhatUsersPaste(String input, String expected) throws JamaException {
        JamaBaseUrl url = JamaBaseUrl.parse(input);

        assertThat(url.toString(), is(expected));
        assertThat(url.tokenUri(), is(URI.create(expected + "/rest/oauth/token")));
        assertThat(url.currentUserUri(), is(URI.create(expected + "/rest/v1/users/current")));
    }

    @ParameterizedTest
    @CsvSource({
        "https://jama.example.com:65536, 65536",
        "https://jama.example.com:99999/contour, 99999",
        "https://jama.example.com:0, 0",
        "https://jama.example.com:00000/, 00000",
        "https://jama.example.com:123456789012345678901234567890, 123456789012345678901234567890",
        "https://[::1]:70000/jama, 70000",
    })
    void refusesPortsThatCannotExist(String input, String port) {
        JamaException e = assertThrows(JamaException.class, () -> JamaBaseUrl.parse(input));

        assertThat(e.getReason(), is(JamaException.Reason.BAD_URL));
        assertThat(e.getMessage(), containsString("the port " + port + ","));
        assertThat(e.getMessage(), containsString("ports go from 1 to 65535"));
    }

    @ParameterizedTest
    @CsvSource({
        "https://jama.example.com:1, https://jama.example.com:1",
        "https://jama.example.com:65535/, https://jama.example.com:65535",
        "https://jama.example.com:08443, https://jama.example.com:8443",
    })
    void acceptsEveryRealPort(String input, String expected) throws JamaException {
        assertThat(JamaBaseUrl.parse(input).toString(), is(expected));
    }

    @ParameterizedTest
    @CsvSource({
        "https://bücher.example/, https://xn--bcher-kva.example",
        "https://BÜCHER.example:8443/jama/rest/v1, https://xn--bcher-kva.example:8443/jama",
        "https://jama.münchen.example/contour, https://jama.xn--mnchen-3ya.example/contour",
    })
    void acceptsInternationalisedHostNamesAsPunycode(String input, String expected) throws JamaException {
        JamaBaseUrl url = JamaBaseUrl.parse(input);

        assertThat(url.toString(), is(expected));
        assertThat(url.tokenUri().getHost(), is(URI.create(expected).getHost()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://jama_server.example.com", "https://jama.my_corp.example:8443/contour"})
    void explainsWhyAHostWithAnUnderscoreCannotBeUsed(String input) {
        JamaException e = assertThrows(JamaException.class, () -> JamaBaseUrl.parse(input));

        assertThat(e.getReason(), is(JamaException.Reason.BAD_URL));
        assertThat(
                e.getMessage(),
                containsString("contains an underscore (_), which Java's HTTP client cannot connect to"));
        assertThat(e.getMessage(), containsString("DNS alias"));
        assertThat(e.getMessage(), containsString("IP address"));
        assertThat(e.getMessage(), not(containsString("no valid host name")));
    }

    @ParameterizedTest
    @CsvSource({
        "http://localhost:8080/jama/, http://localhost:8080/jama",
        "http://jama.example.com:80, http://jama.example.com"
    })
    void acceptsPlainHttpWhichTheFormWarnsAbout(String input, String expected) throws JamaException {
        JamaBaseUrl url = JamaBaseUrl.parse(input);
        assertThat(url.toString(), is(expected));
        assertThat(url.isHttps(), is(false));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t"})
    void refusesBlanks(String input) {
        assertBadUrl(input, "Enter the Jama base URL");
    }

    @ParameterizedTest
    @CsvSource({
        "example.jamacloud.com, Start it with https://",
        "localhost:8080/jama, Start it with https://",
        "ftp://example.jamacloud.com, is not a web address",
        "file:///etc/passwd, is not a web address",
        "https://example.jamacloud.com/?tenant=1, has a query",
        "https://example.jamacloud.com/#/home, has a fragment",
        "https://, no valid host name",
        "https:///contour, no valid host name",
        "https://exa mple.jamacloud.com, not a valid address",
    })
    void refusesWithAMessageSayingWhatToFix(String input, String fix) {
        assertBadUrl(input, fix);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://rbfogo319n6ibtb:c4gj8xhzx5fyej16bzv9l1brh@example.jamacloud.com/rest/oauth/token",
                "https://rbfogo319n6ibtb:c4gj8xhzx5fyej16bzv9l1brh@example.jamacloud.com",
                "http://rbfogo319n6ibtb:c4gj8xhzx5fyej16bzv9l1brh@example.jamacloud.com",
                "rbfogo319n6ibtb:c4gj8xhzx5fyej16bzv9l1brh@example.jamacloud.com",
                "https://rbfogo319n6ibtb:c4gj8x hzx5fyej16bzv9l1brh@example.jamacloud.com",
                "https://example.jamacloud.com/?client_secret=c4gj8xhzx5fyej16bzv9l1brh",
            })
    void neverEchoesCredentialsPastedIntoTheUrl(String input) {
        JamaException e = assertThrows(JamaException.class, () -> JamaBaseUrl.parse(input));

        assertThat(e.getReason(), is(JamaException.Reason.BAD_URL));
        assertThat(e.getMessage(), not(containsString("c4gj8x")));
        assertThat(e.toString(), not(containsString("c4gj8x")));
        assertThat(e.getMessage(), containsString("example.jamacloud.com"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://my-id:TOP?x@example.jamacloud.com",
                "https://my-id:TOP/x@example.jamacloud.com",
                "https://my-id:TOP#x@example.jamacloud.com",
                "https://my-id:TOP@x@example.jamacloud.com/contour?a=b",
                "my-id:TOP?x@example.jamacloud.com",
            })
    void hidesUserInfoWhateverThePasswordContains(String input) {
        JamaException e = assertThrows(JamaException.class, () -> JamaBaseUrl.parse(input));

        assertThat(e.getMessage(), containsString("user name or password before the @ sign"));
        assertThat(e.getMessage(), containsString("****@example.jamacloud.com"));
        assertThat(e.getMessage(), not(containsString("my-id")));
        assertThat(e.getMessage(), not(containsString("TOP")));
    }

    /**
     * Thousands of pasted addresses with user info, generated from a fixed seed: user names and secrets mixing
     * letters, digits and every character that confuses URL parsing, with and without a scheme, ports, paths and
     * whitespace. Each user name and secret carries a random marker that natural text cannot contain.
     */
    @Test
    void neverShowsAnyPartOfUserInfoInGeneratedAddresses() {
        Random random = new Random(20260917L);
        List<String> leaks = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            String userMarker = marker(random);
            String secretMarker = marker(random);
            String user = pick(random, "", "", randomText(random, 4)) + userMarker + randomText(random, 4);
            String secret = randomText(random, 6) + secretMarker + randomText(random, 6);
            String userInfo = pick(random, user + ":" + secret, user + ":" + secret, user, secret + "@" + user);
            String input = pick(random, "", " ", "\t", "\n ")
                    + pick(random, "", "https://", "http://", "HTTPS://", "Http://", "ftp://")
                    + userInfo
                    + "@"
                    + pick(random, "jama.example.com", "example.jamacloud.com", "127.0.0.1", "[::1]")
                    + pick(random, "", "", ":443", ":8443", ":65536", ":0")
                    + pick(random, "", "/", "/contour", "/rest/v1/", "/a?b=c", "/#/home", "/x@y")
                    + pick(random, "", " ", "\r\n");
            JamaException e;
            try {
                JamaBaseUrl.parse(input);
                leaks.add("accepted: " + input);
                continue;
            } catch (JamaException refused) {
                e = refused;
            }
            String shown = e.getMessage() + " " + e;
            if (shown.contains(userMarker) || shown.contains(secretMarker)) {
                leaks.add(input + " -> " + e.getMessage());
            } else if (!e.getMessage().contains("user name or password before the @ sign")) {
                leaks.add("other message: " + input + " -> " + e.getMessage());
            }
        }

        assertThat(leaks, empty());
    }

    private static final String LETTERS_AND_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String USER_INFO_CHARS = LETTERS_AND_DIGITS + "?#/@:;%&=+ .~!$'()*,[]";

    private static String marker(Random random) {
        StringBuilder marker = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            marker.append(LETTERS_AND_DIGITS.charAt(random.nextInt(LETTERS_AND_DIGITS.length())));
        }
        return marker.toString();
    }

    private static String randomText(Random random, int maxLength) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(maxLength + 1); i > 0; i--) {
            text.append(USER_INFO_CHARS.charAt(random.nextInt(USER_INFO_CHARS.length())));
        }
        return text.toString();
    }

    private static String pick(Random random, String... choices) {
        return choices[random.nextInt(choices.length)];
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://id:secret@example.jamacloud.com",
                "https://id@example.jamacloud.com/contour",
                "id:secret@example.jamacloud.com",
                "https://example.jamacloud.com/contour@x"
            })
    void tellsTheUserWhereTheClientIdAndSecretBelong(String input) {
        assertBadUrl(input, "enter the client ID and client secret in their own fields");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.jamacloud.com", "https://example.jamacloud.com/contour/rest/v1/"})
    void sameSiteGivesEqualUrls(String input) throws JamaException {
        JamaBaseUrl url = JamaBaseUrl.parse(input);
        JamaBaseUrl again = JamaBaseUrl.parse(url.toString());

        assertThat(again, is(url));
        assertThat(again.hashCode(), is(url.hashCode()));
        assertThat(url.tokenUri().toString(), is(url + "/rest/oauth/token"));
    }

    private static void assertBadUrl(String input, String expectedFix) {
        JamaException e = assertThrows(JamaException.class, () -> JamaBaseUrl.parse(input));
        assertThat(e.getReason(), is(JamaException.Reason.BAD_URL));
        assertThat(e.getMessage(), containsString(expectedFix));
    }
}
