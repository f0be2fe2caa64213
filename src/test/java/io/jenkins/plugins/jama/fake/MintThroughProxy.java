package io.jenkins.plugins.jama.fake;

import io.jenkins.plugins.jama.client.AccessToken;
import io.jenkins.plugins.jama.client.ClientCredentials;
import io.jenkins.plugins.jama.client.JamaBaseUrl;
import io.jenkins.plugins.jama.client.JamaException;
import io.jenkins.plugins.jama.client.JamaHttp;
import io.jenkins.plugins.jama.client.JamaTokenClient;
import io.jenkins.plugins.jama.client.ProxyCredentials;
import io.jenkins.plugins.jama.client.TrustedCertificates;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Mints one token through a proxy, in a JVM of its own: Java reads {@code jdk.http.auth.tunneling.disabledSchemes}
 * once per JVM, so a test that needs another value than its own JVM's starts this.
 *
 * <p>Arguments: proxy port, proxy user, proxy password, Jama base URL, client ID, client secret, and a file with the
 * PEM certificate to trust. Prints {@code minted} and exits 0, or prints the failure and exits 1.
 */
public final class MintThroughProxy {

    private MintThroughProxy() {}

    public static void main(String[] args) throws Exception {
        ProxySelector proxy = ProxySelector.of(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])));
        TrustedCertificates trusted = TrustedCertificates.parse(Files.readString(Path.of(args[6])));
        JamaTokenClient client = new JamaTokenClient(new JamaHttp(
                JamaHttp.newHttpClient(proxy, trusted),
                new ProxyCredentials(args[1], args[2]),
                new JamaHttp.Limits(1, Duration.ofSeconds(60)),
                "test",
                Clock.systemUTC(),
                JamaHttp.Sleeper.REAL));
        try {
            AccessToken token = client.mint(new ClientCredentials(JamaBaseUrl.parse(args[3]), args[4], args[5]))
                    .token();
            System.out.println(token.value().isEmpty() ? "empty" : "minted");
        } catch (JamaException e) {
            System.out.println(e.getReason() + ": " + e.getMessage());
            System.exit(1);
        }
    }
}
