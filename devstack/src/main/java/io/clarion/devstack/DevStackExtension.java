package io.clarion.devstack;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that gives tests a {@link DevStack}: one per test JVM, started lazily by the
 * first test that asks for it and closed by JUnit when the whole run ends. It resolves
 * parameters of type {@code DevStack} in test methods, constructors and lifecycle methods:
 *
 * <pre>{@code
 * @ExtendWith(DevStackExtension.class)
 * class DeliveryIT {
 *     @BeforeAll
 *     static void up(DevStack stack) { ... }
 * }
 * }</pre>
 */
public final class DevStackExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(DevStackExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == DevStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // the root store lives as long as the test run and closes AutoCloseable values at its end
        return context.getRoot().getStore(STORE).computeIfAbsent(DevStack.class, key -> DevStack.start(), DevStack.class);
    }
}
