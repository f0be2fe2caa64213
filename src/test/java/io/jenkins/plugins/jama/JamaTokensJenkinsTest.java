package io.jenkins.plugins.jama;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.sameInstance;

import hudson.ProxyConfiguration;
import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Mints share one HTTP client while the proxy settings stay the same, and get a new one when they change. */
@WithJenkins
class JamaTokensJenkinsTest {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    @Test
    void oneClientPerProxyConfiguration(JenkinsRule r) {
        r.jenkins.setProxy(null);
        HttpClient direct = JamaTokens.httpClient(CONNECT_TIMEOUT);
        assertThat(JamaTokens.httpClient(CONNECT_TIMEOUT), sameInstance(direct));
        assertThat(direct.proxy().isPresent(), is(false));
        assertThat(direct.followRedirects(), is(HttpClient.Redirect.NEVER));

        r.jenkins.setProxy(new ProxyConfiguration("proxy.example.invalid", 3128));
        HttpClient proxied = JamaTokens.httpClient(CONNECT_TIMEOUT);
        assertThat(proxied, not(sameInstance(direct)));
        assertThat(proxied.proxy().isPresent(), is(true));
        assertThat(JamaTokens.httpClient(CONNECT_TIMEOUT), sameInstance(proxied));

        r.jenkins.getProxy().setNoProxyHost("jama.example.com");
        assertThat(JamaTokens.httpClient(CONNECT_TIMEOUT), not(sameInstance(proxied)));
    }
}
