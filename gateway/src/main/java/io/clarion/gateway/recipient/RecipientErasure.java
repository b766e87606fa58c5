package io.clarion.gateway.recipient;

import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.digest.HmacSha256;
import io.clarion.gateway.audit.AuditLog;
import io.clarion.gateway.auth.Caller;
import io.clarion.gateway.problem.ProblemException;
import io.clarion.gateway.redis.GatewayRedis;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Erases a recipient (right to erasure). In one transaction: the recipient row and its unusable-contact marks
 * are deleted, and every archived delivery to it keeps its outcome row with the destination replaced by
 * {@code erased:<HMAC-SHA256 of the destination>} (the one change the archive's append-only trigger allows),
 * and the erasure is audited with how many archive rows it pseudonymised. After the commit, the recipient's
 * Redis keys (version lanes, claims, anti-fatigue bucket) are deleted; they hold no contact point, only the
 * recipient's id.
 */
@Component
class RecipientErasure {
    private static final HexFormat HEX = HexFormat.of();

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final AuditLog audit;
    private final GatewayRedis redis;
    private final ErasureProperties properties;

    RecipientErasure(DatabaseClient db, TransactionalOperator tx, AuditLog audit, GatewayRedis redis,
                     ErasureProperties properties) {
        this.db = db;
        this.tx = tx;
        this.audit = audit;
        this.redis = redis;
        this.properties = properties;
    }

    /** Erases the caller's tenant's recipient {@code id}; emits false when there is no such recipient. */
    Mono<Boolean> erase(Caller caller, String id) {
        if (!properties.configured()) {
            return Mono.error(ProblemException.of(HttpStatus.SERVICE_UNAVAILABLE, "erasure-not-configured",
                    "erasure needs clarion.erasure.hash-key (the key of the archive's keyed hash)"));
        }
        return deleteRecipient(caller.tenant(), id)
                .flatMap(deleted -> deleted ? pseudonymiseArchive(caller.tenant(), id)
                        .flatMap(rows -> audit.record(caller, "recipient.erased", "recipient/" + id,
                                Map.of("archiveRowsPseudonymised", rows)))
                        .thenReturn(true) : Mono.just(false))
                .as(tx::transactional)
                .flatMap(erased -> erased ? deleteRedisKeys(caller.tenant(), id).thenReturn(true) : Mono.just(false));
    }

    private Mono<Boolean> deleteRecipient(String tenant, String id) {
        return db.sql("DELETE FROM unusable_contacts WHERE tenant_id = $1 AND recipient_id = $2")
                .bind(0, tenant).bind(1, id).then()
                .then(db.sql("DELETE FROM recipients WHERE tenant_id = $1 AND id = $2")
                        .bind(0, tenant).bind(1, id).fetch().rowsUpdated())
                .map(deleted -> deleted > 0);
    }

    private Mono<Long> pseudonymiseArchive(String tenant, String id) {
        return db.sql("SELECT DISTINCT destination FROM deliveries WHERE tenant_id = $1 AND recipient_id = $2 "
                        + "AND destination IS NOT NULL AND destination NOT LIKE 'erased:%'")
                .bind(0, tenant).bind(1, id)
                .map(row -> row.get("destination", String.class))
                .all()
                .collectList()
                .flatMap(destinations -> destinations.isEmpty() ? Mono.just(0L) : db.sql("""
                                UPDATE deliveries d SET destination = m.erased
                                FROM unnest($3::text[], $4::text[]) AS m (original, erased)
                                WHERE d.tenant_id = $1 AND d.recipient_id = $2 AND d.destination = m.original""")
                        .bindValues(List.of(tenant, id, destinations.toArray(String[]::new),
                                destinations.stream().map(this::keyedHash).toArray(String[]::new)))
                        .fetch().rowsUpdated());
    }

    /** {@code erased:} and the hex HMAC-SHA256 of the destination under the configured key. */
    String keyedHash(String destination) {
        return "erased:" + HEX.formatHex(HmacSha256.of(properties.hashKey().getBytes(StandardCharsets.UTF_8),
                destination));
    }

    private Mono<Void> deleteRedisKeys(String tenant, String id) {
        String recipient = DeliveryJob.recipientKey(tenant, id);
        String prefix = redis.keyPrefix();
        return redis.connection().map(connection -> connection.reactive())
                .flatMapMany(commands -> Flux.concat(keys(commands, prefix + "{s*}:" + recipient + ":*"),
                        // as written before key shards (claims, lanes, recipient buckets), kept up to the retention
                        keys(commands, prefix + "{" + recipient + "}:*"),
                        keys(commands, prefix + "rl:recipient:" + recipient + ":*"))
                        .buffer(500)
                        .concatMap(batch -> commands.del(batch.toArray(byte[][]::new))))
                .then();
    }

    private static Flux<byte[]> keys(RedisReactiveCommands<byte[], byte[]> commands, String pattern) {
        ScanArgs args = ScanArgs.Builder.matches(pattern.getBytes(StandardCharsets.UTF_8)).limit(1000);
        return scan(commands, ScanCursor.INITIAL, args);
    }

    private static Flux<byte[]> scan(RedisReactiveCommands<byte[], byte[]> commands, ScanCursor cursor, ScanArgs args) {
        return commands.scan(cursor, args).flatMapMany(page -> Flux.fromIterable(page.getKeys())
                .concatWith(page.isFinished() ? Flux.empty() : scan(commands, page, args)));
    }
}
