package io.jenkins.plugins.jama.fake;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test a plain-http {@link FakeJamaServer}, as a parameter of the test or of a {@code @BeforeEach} method,
 * and stops it afterwards.
 */
public final class FakeJamaExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(FakeJamaExtension.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NAMESPACE)
                .put(FakeJamaServer.class, FakeJamaServer.http().start());
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
