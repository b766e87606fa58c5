package io.clarion.gateway.schedule;

import org.springframework.context.SmartLifecycle;

/**
 * A component whose background work is one {@link Periodic}: Spring starts it with the application and stops it
 * before the connections it uses are closed.
 */
public abstract class PeriodicLifecycle implements SmartLifecycle {

    /** The work this component runs in the background. */
    protected abstract Periodic periodic();

    @Override
    public final void start() {
        periodic().start();
    }

    @Override
    public final void stop() {
        periodic().stop();
    }

    @Override
    public final boolean isRunning() {
        return periodic().isRunning();
    }
}
