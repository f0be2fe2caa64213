package io.jenkins.plugins.jama.fake;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ConnectHandler;
import org.eclipse.jetty.util.Callback;

/**
 * A real HTTP proxy on loopback, Jetty's, that asks for Basic authentication: plain {@code http} requests are
 * forwarded by {@link ProxyHandler.Forward}, {@code https} goes through a {@code CONNECT} tunnel of
 * {@link ConnectHandler}. Both answer 407 with {@code Proxy-Authenticate: Basic} without the right
 * {@code Proxy-Authorization}; Jetty removes that header before it forwards a request.
 */
public final class AuthenticatingProxy implements AutoCloseable {

    private final String expected;
    private final Server server;
    private final ServerConnector connector;
    private final AtomicInteger tunnels = new AtomicInteger();
    private final AtomicInteger forwarded = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    public AuthenticatingProxy(String user, String password) throws Exception {
        expected =
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        server = new Server();
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new ConnectHandler(new ForwardWhenAuthorized(new ProxyHandler.Forward())) {
            @Override
            protected boolean handleAuthentication(Request request, Response response, String address) {
                boolean authorized = authorized(request, response);
                if (authorized) {
                    tunnels.incrementAndGet();
                }
                return authorized;
            }
        });
        server.start();
    }

    /** {@link ProxyHandler} has no authentication hook of its own. */
    private final class ForwardWhenAuthorized extends Handler.Wrapper {

        ForwardWhenAuthorized(Handler next) {
            super(next);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            if (!authorized(request, response)) {
                Response.writeError(request, response, callback, HttpStatus.PROXY_AUTHENTICATION_REQUIRED_407);
                return true;
            }
            forwarded.incrementAndGet();
            return super.handle(request, response, callback);
        }
    }

    private boolean authorized(Request request, Response response) {
        if (expected.equals(request.getHeaders().get(HttpHeader.PROXY_AUTHORIZATION))) {
            return true;
        }
        refused.incrementAndGet();
        response.getHeaders().put(HttpHeader.PROXY_AUTHENTICATE, "Basic realm=\"proxy\"");
        return false;
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** Every address through this proxy, as Jenkins' proxy configuration would select it. */
    public ProxySelector selector() {
        return ProxySelector.of(new InetSocketAddress("127.0.0.1", port()));
    }

    public Proxy proxy() {
        return new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", port()));
    }

    /** Tunnels opened with the right credentials. */
    public int tunnels() {
        return tunnels.get();
    }

    /** Plain http requests forwarded with the right credentials. */
    public int forwarded() {
        return forwarded.get();
    }

    /** Requests and tunnels answered with 407. */
    public int refused() {
        return refused.get();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
