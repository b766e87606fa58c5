package io.clarion.standalone;

import io.micrometer.core.instrument.MeterRegistry;

/** Counters of the in-process dispatcher that tests read. */
final class DispatcherMetrics {
    private DispatcherMetrics() {
    }

    /** {@code clarion.delivery.retries{channel, result=deferred}}: deliveries deferred without using an attempt. */
    static double deferrals(Engine engine, String channel) {
        var counter = engine.dispatcherBean(MeterRegistry.class).find("clarion.delivery.retries")
                .tags("channel", channel, "result", "deferred").counter();
        return counter == null ? 0 : counter.count();
    }
}
