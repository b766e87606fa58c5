package io.clarion.gateway.stream;

import io.clarion.gateway.auth.Access;
import io.clarion.gateway.auth.Caller;
import io.clarion.gateway.auth.Scope;
import io.clarion.gateway.problem.ProblemException;
import io.clarion.gateway.ratelimit.BucketLevels;
import io.clarion.gateway.shedding.LongRunning;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;

/**
 * {@code GET /v1/stream} (read scope): server-sent events {@code incident.update}, {@code broadcast.progress} and
 * {@code rate-limit} of the caller's tenant, with ids, heartbeat comments, resumable with {@code Last-Event-ID} on
 * any gateway (see {@link StreamSession}: each stream polls PostgreSQL through indexes, no LISTEN/NOTIFY, no state
 * shared between gateways). At most {@code clarion.stream.max-connections} streams per gateway; beyond, 503.
 */
@RestController
class StreamController {
    private final StreamStore store;
    private final ChannelProgress progress;
    private final BucketLevels levels;
    private final StreamProperties properties;
    private final AtomicInteger open = new AtomicInteger();

    StreamController(StreamStore store, ChannelProgress progress, BucketLevels levels, StreamProperties properties) {
        this.store = store;
        this.progress = progress;
        this.levels = levels;
        this.properties = properties;
    }

    @LongRunning
    @GetMapping(path = "/v1/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Access(Scope.READ)
    Flux<ServerSentEvent<Object>> stream(@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
                                         ServerWebExchange exchange) {
        String tenant = Caller.of(exchange).tenant();
        Long resumeFrom = position(lastEventId);
        return Flux.using(this::enter,
                entered -> new StreamSession(tenant, store, progress, levels, properties).events(resumeFrom),
                entered -> open.decrementAndGet());
    }

    private boolean enter() {
        if (open.incrementAndGet() > properties.maxConnections()) {
            open.decrementAndGet();
            throw ProblemException.of(HttpStatus.SERVICE_UNAVAILABLE, "overloaded",
                    "this gateway serves " + properties.maxConnections() + " streams already; retry later or on another");
        }
        return true;
    }

    /** The position a {@code Last-Event-ID} names, or {@code null} (start afresh) when it is absent or not ours. */
    private static Long position(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return null;
        }
        try {
            long micros = Long.parseLong(lastEventId.strip());
            return micros > 0 ? micros : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
