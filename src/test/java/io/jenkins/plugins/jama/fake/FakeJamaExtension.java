package io.jenkins.plugins.jama.fake;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test a {@link FakeJamaServer}, as a parameter of the test or of a {@code @BeforeEach} method, and stops
 * it afterwards. Plain http unless told otherwise:
 * {@code @RegisterExtension final FakeJamaExtension fakeJama = new FakeJamaExtension().https().contextPath("/contour");}
 */
public final class FakeJamaExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(FakeJamaExtension.class);

    private boolean https;
    private String contextPath = "";
    private boolean echoCredentials;

    /** Serves HTTPS with the test certificate ({@link FakeJamaServer#clientSslContext()}). */
    public FakeJamaExtension https() {
        this.https = true;
        return this;
    }

    /** See {@link FakeJamaServer.Options#contextPath(String)}. */
    public FakeJamaExtension contextPath(String path) {
        this.contextPath = path;
        return this;
    }

    /** See {@link FakeJamaServer.Options#echoCredentials()}. */
    public FakeJamaExtension echoCredentials() {
        this.echoCredentials = true;
        return this;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        FakeJamaServer.Options options =
                (https ? FakeJamaServer.https() : FakeJamaServer.http()).contextPath(contextPath);
        if (echoCredentials) {
            options.echoCredentials();
        }
        context.getStore(NAMESPACE).put(FakeJamaServer.class, options.start());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        FakeJamaServer server = context.getStore(NAMESPACE).remove(FakeJamaServer.class, FakeJamaServer.class);
        if (server != null) {
            server.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == FakeJamaServer.class;
    }

    @Override
    public FakeJamaServer resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).get(FakeJamaServer.class, FakeJamaServer.class);
    }
}
