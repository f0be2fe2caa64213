package io.jenkins.plugins.jama.client;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import org.junit.jupiter.api.Test;

class JamaEndpointsTest {

    @Test
    void resolvesAgainstTheSiteRoot() {
        JamaEndpoints endpoints = JamaEndpoints.of(URI.create("https://example.jamacloud.com"));

        assertThat(endpoints.token(), is(URI.create("https://example.jamacloud.com/rest/oauth/token")));
        assertThat(endpoints.currentUser(), is(URI.create("https://example.jamacloud.com/rest/v1/users/current")));
    }

    @Test
    void keepsTheContextPath() {
        JamaEndpoints endpoints = JamaEndpoints.of(URI.create("https://jama.example.com:8443/contour"));

        assertThat(endpoints.token(), is(URI.create("https://jama.example.com:8443/contour/rest/oauth/token")));
    }

    @Test
    void refusesARelativeAddressWithAMessageSayingWhatToEnter() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> JamaEndpoints.of(URI.create("jama.example.com")));

        assertThat(e.getMessage(), containsString("absolute address with a host"));
    }

    @Test
    void refusesATrailingSlash() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> JamaEndpoints.of(URI.create("https://jama.example.com/")));

        assertThat(e.getMessage(), containsString("must not end with a slash"));
    }
}
