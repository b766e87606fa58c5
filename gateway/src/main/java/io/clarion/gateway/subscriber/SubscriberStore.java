package io.clarion.gateway.subscriber;

import io.r2dbc.postgresql.codec.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Subscriber rows and what a confirmation makes of them: the recipient {@code sub-...} of the tenant, with the
 * attributes the subscriber segments match ({@code subscriber}, {@code subscriber:<component>}, or
 * {@code subscriber:all} for a subscriber of every component), and those segments, created when missing (a segment
 * of the same name that the tenant made itself is left as it is). Callers run these inside one transaction.
 */
@Component
class SubscriberStore {
    static final String YES = "yes";
    static final String SEGMENT = "subscribers";
    static final String EVERY_COMPONENT = "all";

    private final DatabaseClient db;
    private final JsonMapper json;

    SubscriberStore(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** A pending sign-up: {@code confirmHash} is the hex SHA-256 of the token the email carries. */
    record SignUp(String tenant, String id, String email, List<String> components, String confirmHash,
                  Instant expiresAt) {
    }

    /** A confirmed subscription: the recipient it became. */
    record Confirmed(String tenant, String id, String email, List<String> components) {
    }

    Mono<String> tenantName(String tenant) {
        return db.sql("SELECT name FROM tenants WHERE id = $1").bind(0, tenant)
                .map(row -> row.get("name", String.class)).one();
    }

    /**
     * Stores the sign-up with a fresh token; emits whether a confirmation must be sent: not when this address was
     * sent one less than {@code resendAfter} ago (the stored token then stays as it was).
     */
    Mono<Boolean> signUp(SignUp signUp, Duration resendAfter) {
        return db.sql("""
                        INSERT INTO subscribers (tenant_id, id, email, components, status, confirm_hash,
                                                 confirm_expires_at, confirmation_sent_at)
                        VALUES ($1, $2, $3, $4, 'pending', decode($5, 'hex'), $6, now())
                        ON CONFLICT (tenant_id, id) DO UPDATE SET email = EXCLUDED.email,
                            components = EXCLUDED.components, confirm_hash = EXCLUDED.confirm_hash,
                            confirm_expires_at = EXCLUDED.confirm_expires_at, confirmation_sent_at = now()
                        WHERE subscribers.confirmation_sent_at IS NULL
                           OR subscribers.confirmation_sent_at < now() - make_interval(secs => $7)""")
                .bindValues(List.of(signUp.tenant(), signUp.id(), signUp.email(),
                        signUp.components().toArray(String[]::new), signUp.confirmHash(), signUp.expiresAt(),
                        resendAfter.toMillis() / 1000.0))
                .fetch().rowsUpdated()
                .map(rows -> rows > 0);
    }

    /**
     * Uses a confirmation token once: the sign-up becomes confirmed (its address moves to the recipient), and emits
     * what was confirmed; empty when no unexpired sign-up of {@code tenant} has that token.
     */
    Mono<Confirmed> confirm(String tenant, String confirmHash) {
        return db.sql("""
                        UPDATE subscribers s SET status = 'confirmed', confirmed_at = now(), confirm_hash = NULL,
                            confirm_expires_at = NULL, email = NULL
                        FROM (SELECT tenant_id, id, email FROM subscribers
                              WHERE tenant_id = $1 AND confirm_hash = decode($2, 'hex') AND confirm_expires_at > now()
                              FOR UPDATE) old
                        WHERE s.tenant_id = old.tenant_id AND s.id = old.id
                        RETURNING s.id, old.email, s.components""")
                .bind(0, tenant).bind(1, confirmHash)
                .map(row -> new Confirmed(tenant, row.get("id", String.class), row.get("email", String.class),
                        List.of(row.get("components", String[].class))))
                .one();
    }

    /** Creates or replaces the recipient a confirmed subscriber is, and the segments that find it. */
    Mono<Void> becomeRecipient(Confirmed confirmed) {
        return db.sql("""
                        INSERT INTO recipients (tenant_id, id, attributes, email) VALUES ($1, $2, $3, $4)
                        ON CONFLICT (tenant_id, id) DO UPDATE SET attributes = EXCLUDED.attributes,
                            email = EXCLUDED.email, updated_at = now()""")
                .bindValues(List.of(confirmed.tenant(), confirmed.id(),
                        Json.of(json.writeValueAsString(attributes(confirmed.components()))), confirmed.email()))
                .then()
                .thenMany(Flux.fromIterable(segments(confirmed.components())).concatMap(
                        segment -> ensureSegment(confirmed.tenant(), segment.getKey(), segment.getValue())))
                .then();
    }

    /** Ends a subscription: the sign-up and the recipient go; emits whether there was one. */
    Mono<Boolean> unsubscribe(String tenant, String id) {
        Mono<Long> recipient = db.sql("DELETE FROM recipients WHERE tenant_id = $1 AND id = $2")
                .bind(0, tenant).bind(1, id).fetch().rowsUpdated();
        Mono<Long> contacts = db.sql("DELETE FROM unusable_contacts WHERE tenant_id = $1 AND recipient_id = $2")
                .bind(0, tenant).bind(1, id).fetch().rowsUpdated();
        return db.sql("DELETE FROM subscribers WHERE tenant_id = $1 AND id = $2")
                .bind(0, tenant).bind(1, id).fetch().rowsUpdated()
                .flatMap(subscribers -> contacts.then(recipient).map(recipients -> subscribers + recipients > 0));
    }

    private static Map<String, String> attributes(List<String> components) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("subscriber", YES);
        List<String> keys = components.isEmpty() ? List.of(EVERY_COMPONENT) : components;
        keys.forEach(component -> attributes.put("subscriber:" + component, YES));
        return attributes;
    }

    private static List<Map.Entry<String, String>> segments(List<String> components) {
        List<Map.Entry<String, String>> segments = new ArrayList<>();
        segments.add(Map.entry(SEGMENT, "subscriber"));
        List<String> keys = components.isEmpty() ? List.of(EVERY_COMPONENT) : components;
        keys.forEach(component -> segments.add(Map.entry(SEGMENT + ":" + component, "subscriber:" + component)));
        return segments;
    }

    private Mono<Void> ensureSegment(String tenant, String name, String attribute) {
        String rule = json.writeValueAsString(Map.of("attributes." + attribute, List.of(YES)));
        return db.sql("INSERT INTO segments (tenant_id, name, rule) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
                .bindValues(List.of(tenant, name, Json.of(rule)))
                .then();
    }
}
