package io.lanchat.server.browser;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands every browser test the same headless Chromium, as a parameter of its {@code @BeforeEach} method: started
 * when first asked for (tests are skipped when none is installed), and quit by JUnit after the last test of the run, since values in
 * the root store that are {@link AutoCloseable} are closed then. Starting a browser costs seconds; sharing one
 * keeps the suite fast.
 */
final class SharedChromium implements BeforeEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedChromium.class);

    /**
     * Per test, so each one is reported as skipped with the reason (Surefire drops class-level skips), and here
     * rather than in {@link #resolveParameter}, where a failed assumption would be reported as an error.
     */
    @Override
    public void beforeEach(ExtensionContext context) {
        Chromium.assumeInstalled();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Chromium.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Chromium.class, type -> Chromium.start(), Chromium.class);
    }
}
