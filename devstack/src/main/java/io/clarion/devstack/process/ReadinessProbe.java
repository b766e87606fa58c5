package io.clarion.devstack.process;

/**
 * Tells whether a started server accepts work. Throwing means "not yet", like answering
 * {@code false}; {@link ChildProcess#awaitReady} keeps the last exception as the cause of a
 * timeout.
 */
@FunctionalInterface
public interface ReadinessProbe {

    boolean isReady() throws Exception;
}
