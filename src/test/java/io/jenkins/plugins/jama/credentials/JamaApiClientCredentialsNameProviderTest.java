package io.jenkins.plugins.jama.credentials;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

class JamaApiClientCredentialsNameProviderTest {

    @Test
    void showsClientIdAtHost() {
        assertThat(
                JamaApiClientCredentials.NameProvider.label("rbfogo319n6ibtb", "https://example.jamacloud.com", ""),
                is("rbfogo319n6ibtb @ example.jamacloud.com"));
    }

    @Test
    void leavesOutPortAndContextPath() {
        assertThat(
                JamaApiClientCredentials.NameProvider.label("abc", "http://jama.example.com:8080/contour", null),
                is("abc @ jama.example.com"));
    }

    @Test
    void addsTheDescriptionInParentheses() {
        assertThat(
                JamaApiClientCredentials.NameProvider.label(
                        "abc", "https://example.jamacloud.com", "  CI service user "),
                is("abc @ example.jamacloud.com (CI service user)"));
    }

    @Test
    void blankDescriptionAddsNothing() {
        assertThat(
                JamaApiClientCredentials.NameProvider.label("abc", "https://example.jamacloud.com", "   "),
                is("abc @ example.jamacloud.com"));
    }

    @Test
    void fallsBackToTheWholeAddressWhenItHasNoHost() {
        assertThat(JamaApiClientCredentials.NameProvider.label("abc", "not a url", null), is("abc @ not a url"));
    }
}
