package io.clarion.gateway.broadcast;

import io.clarion.gateway.problem.ProblemException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The IETF Idempotency-Key draft for broadcasts, scoped to the caller's API key. A key is claimed in its
 * own short transaction (a row without a response means "in flight"), so a second request with the key
 * sees 409 while the first runs; the first stores its response in the transaction that accepts the
 * broadcast; a refused request releases the key. A claim abandoned by a crashed gateway is taken over
 * after {@link #ABANDONED_AFTER}. Answered keys are kept for {@code clarion.idempotency.retention} (at least 24 h),
 * then {@link IdempotencyJanitor} deletes them.
 */
@Component
class IdempotencyKeys {
    static final int MAX_LENGTH = 255;
    static final Duration ABANDONED_AFTER = Duration.ofSeconds(60);

    private final DatabaseClient db;

    IdempotencyKeys(DatabaseClient db) {
        this.db = db;
    }

    /** A stored answer to replay. */
    record StoredResponse(int status, String body, String location) {
    }

    /** Claims the key; empty when the caller may go ahead, a stored response to replay otherwise. */
    Mono<StoredResponse> claim(long apiKeyId, String key, byte[] requestHash) {
        return db.sql("""
                        INSERT INTO idempotency_keys (api_key_id, key, request_hash) VALUES ($1, $2, $3)
                        ON CONFLICT (api_key_id, key) DO UPDATE SET request_hash = EXCLUDED.request_hash,
                            created_at = now()
                        WHERE idempotency_keys.response_status IS NULL
                          AND idempotency_keys.request_hash = EXCLUDED.request_hash
                          AND idempotency_keys.created_at < now() - make_interval(secs => $4)
                        RETURNING 1""")
                .bindValues(List.of(apiKeyId, key, requestHash, (double) ABANDONED_AFTER.toSeconds()))
                .fetch().rowsUpdated()
                .flatMap(claimed -> claimed > 0 ? Mono.empty() : existing(apiKeyId, key, requestHash));
    }

    private Mono<StoredResponse> existing(long apiKeyId, String key, byte[] requestHash) {
        return db.sql("SELECT request_hash, response_status, response_body, response_location FROM idempotency_keys "
                        + "WHERE api_key_id = $1 AND key = $2")
                .bind(0, apiKeyId).bind(1, key)
                .map(row -> decide(requestHash, row.get("request_hash", byte[].class),
                        row.get("response_status", Integer.class), row.get("response_body", String.class),
                        row.get("response_location", String.class)))
                .one()
                .switchIfEmpty(Mono.error(() -> ProblemException.of(HttpStatus.CONFLICT, "idempotency-key-in-flight",
                        "a request with this Idempotency-Key was just released; retry")));
    }

    private static StoredResponse decide(byte[] requestHash, byte[] storedHash, Integer status, String body,
                                         String location) {
        if (!Arrays.equals(requestHash, storedHash)) {
            throw ProblemException.of(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
                    "this Idempotency-Key was used with a different request body");
        }
        if (status == null) {
            throw ProblemException.of(HttpStatus.CONFLICT, "idempotency-key-in-flight",
                    "a request with this Idempotency-Key is still being processed; retry later");
        }
        return new StoredResponse(status, body, location);
    }

    /** Stores the answer; call in the transaction that makes the request's effect durable. */
    Mono<Void> complete(long apiKeyId, String key, StoredResponse response) {
        return db.sql("UPDATE idempotency_keys SET response_status = $3, response_body = $4, response_location = $5 "
                        + "WHERE api_key_id = $1 AND key = $2")
                .bindValues(List.of(apiKeyId, key, response.status(), response.body(), response.location()))
                .then();
    }

    /** Releases a claim whose request was refused, so it leaves no state behind. */
    Mono<Void> release(long apiKeyId, String key) {
        return db.sql("DELETE FROM idempotency_keys WHERE api_key_id = $1 AND key = $2 AND response_status IS NULL")
                .bind(0, apiKeyId).bind(1, key)
                .then();
    }
}
