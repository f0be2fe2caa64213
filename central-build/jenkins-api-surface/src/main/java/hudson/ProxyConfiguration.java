package hudson;

import hudson.util.Secret;
import java.net.Proxy;

/** Surface of {@code core/src/main/java/hudson/ProxyConfiguration.java} (Jenkins 2.541.3). */
public final class ProxyConfiguration {

    private ProxyConfiguration() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public String getUserName() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public Secret getSecretPassword() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public int getPort() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public String getName() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public String getNoProxyHost() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public Proxy createProxy(String host) {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
