package io.clarion.gateway.schedule;

import static java.util.Objects.requireNonNull;

import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Background work of a gateway component: runs {@code work} on every tick, one run at a time (ticks that
 * arrive during a run are dropped, not queued), from {@link #start()} until {@link #stop()}. A failed run is
 * logged and the next tick tries again, so a database that is down for a while delays the work, never ends it.
 * Components own one and delegate their {@code SmartLifecycle} methods to it.
 */
public final class Periodic {
    private static final Logger log = LoggerFactory.getLogger(Periodic.class);

    private final String name;
    private final Flux<?> ticks;
    private final Supplier<? extends Mono<?>> work;
    private volatile Disposable running;

    public Periodic(String name, Flux<?> ticks, Supplier<? extends Mono<?>> work) {
        this.name = requireNonNull(name, "name");
        this.ticks = requireNonNull(ticks, "ticks");
        this.work = requireNonNull(work, "work");
    }

    public void start() {
        running = ticks.onBackpressureDrop()
                .concatMap(tick -> work.get().onErrorResume(this::logAndWait), 1)
                .subscribe();
    }

    private <T> Mono<T> logAndWait(Throwable error) {
        log.warn("{} failed; trying again at the next tick: {}", name, error.toString());
        return Mono.empty();
    }

    public void stop() {
        Disposable current = running;
        if (current != null) {
            current.dispose();
        }
    }

    public boolean isRunning() {
        Disposable current = running;
        return current != null && !current.isDisposed();
    }
}
