package io.clarion.gateway.recipient;

import io.clarion.core.validation.FieldError;
import io.clarion.gateway.http.HttpProperties;
import io.clarion.gateway.http.JsonBodies;
import io.clarion.gateway.problem.ProblemException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Streams an NDJSON import into PostgreSQL: lines are decoded as they arrive, upserted in batches of
 * {@value #BATCH} rows, and only the current batch is in memory, so a million lines need no million
 * objects. Each line is read as strictly as a single request body ({@link JsonBodies}); a line longer
 * than {@code clarion.http.max-body-size} is rejected on its own without being buffered. Good lines are
 * kept even when others are rejected; at most {@value #MAX_REPORTED} rejections are listed (all are
 * counted).
 */
@Component
class RecipientImport {
    static final int BATCH = 500;
    static final int MAX_REPORTED = 1000;

    private final RecipientStore store;
    private final JsonBodies json;
    private final int maxLineBytes;

    RecipientImport(RecipientStore store, JsonBodies json, HttpProperties http) {
        this.store = store;
        this.json = json;
        this.maxLineBytes = (int) http.maxBodySize().toBytes();
    }

    /** What an import did: lines imported, and why each refused line was refused. */
    record Result(long imported, long rejectedCount, List<Rejection> rejected) {
    }

    record Rejection(long line, String reason) {
    }

    private record Line(long number, RecipientRequest recipient, String reason) {
        boolean isBlank() {
            return recipient == null && reason == null;
        }
    }

    Mono<Result> importLines(String tenant, Flux<DataBuffer> body) {
        return NdjsonLines.split(body, maxLineBytes)
                .map(this::parse)
                .filter(line -> !line.isBlank())
                .buffer(BATCH)
                .concatMap(batch -> store(tenant, batch))
                .reduce(new Tally(), Tally::add)
                .map(Tally::result);
    }

    private Line parse(NdjsonLines.Line line) {
        long number = line.number();
        if (line.tooLong()) {
            return new Line(number, null, "line longer than " + maxLineBytes + " bytes");
        }
        if (isBlank(line.bytes())) {
            return new Line(number, null, null);
        }
        try {
            RecipientRequest recipient = json.read(line.bytes(), RecipientRequest.class);
            List<FieldError> errors = recipient.validate();
            return errors.isEmpty() ? new Line(number, recipient, null) : new Line(number, null, describe(errors));
        } catch (ProblemException e) {
            return new Line(number, null, e.errors().isEmpty() ? e.getMessage() : describe(e.errors()));
        }
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private Mono<List<Line>> store(String tenant, List<Line> batch) {
        Map<String, RecipientRequest> latestById = new LinkedHashMap<>();
        batch.stream().filter(l -> l.recipient() != null).forEach(l -> latestById.put(l.recipient().id(), l.recipient()));
        return store.upsertAll(tenant, latestById.values()).thenReturn(batch);
    }

    private static String describe(List<FieldError> errors) {
        return errors.stream().map(e -> e.field() + ": " + e.reason()).reduce((a, b) -> a + "; " + b).orElse("");
    }

    /** Accumulates counts over batches; mutable, but confined to one reduce. */
    private static final class Tally {
        private long imported;
        private long rejectedCount;
        private final List<Rejection> rejected = new ArrayList<>();

        Tally add(List<Line> batch) {
            for (Line line : batch) {
                if (line.recipient() != null) {
                    imported++;
                } else if (++rejectedCount <= MAX_REPORTED) {
                    rejected.add(new Rejection(line.number(), line.reason()));
                }
            }
            return this;
        }

        Result result() {
            return new Result(imported, rejectedCount, List.copyOf(rejected));
        }
    }
}
