package io.clarion.dispatcher.ledger;

import io.clarion.core.channel.Channel;
import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.core.delivery.RenderedMessage;
import io.clarion.core.delivery.UpdateContent;
import io.clarion.core.digest.Sha256;
import io.clarion.dispatcher.channel.ChannelSender;
import io.clarion.dispatcher.channel.ChannelSenders;
import io.clarion.dispatcher.postgres.BinaryArray;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Records final delivery outcomes: one statement per batch appends the archive rows and advances each
 * broadcast's counters by the rows actually inserted. The rows travel as one array per column
 * ({@code unnest}), so the statement text is the same for every batch size and PostgreSQL parses and
 * plans it once per connection instead of once per batch; the arrays go in the binary format ({@link BinaryArray}),
 * so neither side quotes, escapes or parses an element. A redelivered outcome conflicts on (broadcast,
 * recipient, channel) and counts nothing, so counters stay exact under at-least-once delivery. The
 * same statement completes a broadcast whose outcomes now cover everything it targeted, and answers which
 * broadcasts had their first message sent or completed, for {@link BroadcastTimings}.
 * <p>
 * A row's {@code content_hash} is SHA-256 of what its channel's sender sends the recipient
 * ({@link ChannelSenders#archived}: the rendered, redacted message of the recipient's locale), so two recipients
 * reading different languages have different hashes and two reading the same message the same one. A channel
 * without a sender (nothing can be sent) hashes the update's content. A batch hashes each distinct message once
 * ({@link Rendering}): its recipients of one rendering share the hash.
 */
@Component
public class DeliveryLedger {
    private static final String STATEMENT = """
            WITH inserted AS (
              INSERT INTO deliveries (broadcast_id, recipient_id, channel, incident_id, version, outcome, reason,
                                      message_id, destination, content_hash, attempts, tenant_id, template_name,
                                      template_version, template_locale)
              SELECT broadcast_id, recipient_id, channel, incident_id, version, outcome, reason, message_id,
                     destination, content_hash, attempts, tenant_id, template_name, template_version,
                     template_locale
              FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[],
                          $8::text[], $9::text[], $10::bytea[], $11::int[], $12::text[], $13::text[], $14::int[],
                          $15::text[])
                   AS row (broadcast_id, recipient_id, channel, incident_id, version, outcome, reason, message_id,
                           destination, content_hash, attempts, tenant_id, template_name, template_version,
                           template_locale)
              ON CONFLICT DO NOTHING
              RETURNING broadcast_id, outcome
            ), tally AS (
              SELECT broadcast_id,
                     count(*) FILTER (WHERE outcome = 'sent') AS sent,
                     count(*) FILTER (WHERE outcome = 'failed') AS failed,
                     count(*) FILTER (WHERE outcome = 'superseded') AS superseded,
                     count(*) FILTER (WHERE outcome = 'suppressed') AS suppressed
              FROM inserted GROUP BY broadcast_id
            )
            UPDATE broadcasts b SET
              sent = b.sent + t.sent, failed = b.failed + t.failed,
              superseded = b.superseded + t.superseded, suppressed = b.suppressed + t.suppressed,
              updated_at = now(),
              status = CASE WHEN b.expanded AND b.sent + t.sent + b.failed + t.failed + b.superseded + t.superseded
                                 + b.suppressed + t.suppressed >= b.targeted THEN 'completed' ELSE b.status END,
              completed_at = CASE WHEN b.expanded AND b.sent + t.sent + b.failed + t.failed + b.superseded
                                 + t.superseded + b.suppressed + t.suppressed >= b.targeted THEN now() ELSE b.completed_at END
            FROM tally t WHERE b.id = t.broadcast_id
            RETURNING b.id, extract(epoch FROM now() - b.created_at)::float8 AS age,
                      t.sent > 0 AND b.sent = t.sent AS first_sent,
                      b.status = 'completed' AND b.completed_at = now() AS completed_now""";

    private final DatabaseClient db;
    private final MeterRegistry metrics;
    private final BroadcastTimings timings;
    private final ChannelSenders senders;

    DeliveryLedger(DatabaseClient db, MeterRegistry metrics, ChannelSenders senders) {
        this.db = db;
        this.metrics = metrics;
        this.senders = senders;
        this.timings = new BroadcastTimings(metrics);
        // every series from the start, so that "none superseded yet" reads 0, not a missing series
        for (Channel channel : Channel.values()) {
            for (String outcome : List.of("sent", "failed", "superseded", "suppressed")) {
                metrics.counter("clarion.deliveries", "channel", channel.wireName(), "outcome", outcome);
            }
        }
    }

    /** A final outcome of one delivery. */
    public record Entry(DeliveryJob job, DeliveryOutcome outcome) {
    }

    /** Makes a batch of outcomes durable; completes only after the commit. */
    public Mono<Void> record(List<Entry> entries) {
        if (entries.isEmpty()) {
            return Mono.empty();
        }
        Map<UUID, String> severities = new HashMap<>();
        entries.forEach(entry -> severities.put(UUID.fromString(entry.job().broadcastId()), entry.job().content().severity()));
        return db.sql(STATEMENT).bindValues(Columns.of(entries, this::contentHash))
                .map(row -> new Advanced(row.get("id", UUID.class), row.get("age", Double.class),
                        Boolean.TRUE.equals(row.get("first_sent", Boolean.class)),
                        Boolean.TRUE.equals(row.get("completed_now", Boolean.class))))
                .all()
                .doOnNext(advanced -> timings.advanced(severities.get(advanced.broadcast()),
                        Duration.ofMillis(Math.round(advanced.ageSeconds() * 1000)), advanced.firstSent(),
                        advanced.completed()))
                .then()
                .doOnSuccess(done -> count(entries));
    }

    /** A broadcast whose counters the statement advanced. */
    private record Advanced(UUID broadcast, double ageSeconds, boolean firstSent, boolean completed) {
    }

    /**
     * {@code clarion.deliveries{channel,outcome}}: outcomes made durable by this dispatcher (replays included;
     * superseded ones are the deliveries the version gate dropped).
     */
    private void count(List<Entry> entries) {
        Map<Series, Integer> counts = new HashMap<>();
        entries.forEach(entry -> counts.merge(new Series(entry.job().channel(), entry.outcome().counter()), 1,
                Integer::sum));
        counts.forEach((series, n) -> metrics.counter("clarion.deliveries", "channel", series.channel().wireName(),
                "outcome", series.outcome()).increment(n));
    }

    private record Series(Channel channel, String outcome) {
    }

    /** The batch as one array per column, in the statement's order. */
    private record Columns(UUID[] broadcasts, String[] recipients, String[] channels, String[] incidents,
                           Integer[] versions, String[] outcomes, String[] reasons, String[] messageIds,
                           String[] destinations, byte[][] contentHashes, Integer[] attempts, String[] tenants,
                           String[] templates, Integer[] templateVersions, String[] templateLocales) {
        static List<Object> of(List<Entry> entries, Function<DeliveryJob, byte[]> contentHash) {
            Map<Rendering, byte[]> hashes = new HashMap<>();
            Function<DeliveryJob, byte[]> sharedHash = new Function<>() {
                private DeliveryJob previous;
                private byte[] previousHash;

                /** A batch is mostly runs of one rendering: a job sharing the previous one's skips the map. */
                @Override
                public byte[] apply(DeliveryJob job) {
                    if (previous == null || !Rendering.same(previous, job)) {
                        previousHash = hashes.computeIfAbsent(Rendering.of(job), rendering -> contentHash.apply(job));
                        previous = job;
                    }
                    return previousHash;
                }
            };
            int n = entries.size();
            Columns columns = new Columns(new UUID[n], new String[n], new String[n], new String[n], new Integer[n],
                    new String[n], new String[n], new String[n], new String[n], new byte[n][], new Integer[n],
                    new String[n], new String[n], new Integer[n], new String[n]);
            for (int i = 0; i < n; i++) {
                columns.set(i, entries.get(i), sharedHash);
            }
            return List.of(BinaryArray.uuids(columns.broadcasts), BinaryArray.texts(columns.recipients),
                    BinaryArray.texts(columns.channels), BinaryArray.texts(columns.incidents),
                    BinaryArray.integers(columns.versions), BinaryArray.texts(columns.outcomes),
                    BinaryArray.texts(columns.reasons), BinaryArray.texts(columns.messageIds),
                    BinaryArray.texts(columns.destinations), BinaryArray.bytes(columns.contentHashes),
                    BinaryArray.integers(columns.attempts), BinaryArray.texts(columns.tenants),
                    BinaryArray.texts(columns.templates), BinaryArray.integers(columns.templateVersions),
                    BinaryArray.texts(columns.templateLocales));
        }

        private void set(int i, Entry entry, Function<DeliveryJob, byte[]> sharedHash) {
            DeliveryJob job = entry.job();
            broadcasts[i] = UUID.fromString(job.broadcastId());
            recipients[i] = job.recipientId();
            channels[i] = job.channel().wireName();
            incidents[i] = job.incidentId();
            versions[i] = job.version();
            outcomes[i] = entry.outcome().counter();
            reasons[i] = entry.outcome().reason();
            messageIds[i] = job.messageId();
            destinations[i] = job.destination();
            contentHashes[i] = sharedHash.apply(job);
            attempts[i] = job.attempt();
            tenants[i] = job.tenant();
            if (job.message() != null) {
                templates[i] = job.message().template();
                templateVersions[i] = job.message().version();
                templateLocales[i] = job.message().locale();
            }
        }
    }

    /**
     * What a channel's sender sends depends on these alone ({@link ChannelSender#archived}): the jobs of a batch that
     * agree on them have the same content hash.
     */
    private record Rendering(Channel channel, String incidentId, int version, UpdateContent content,
                             RenderedMessage message) {
        static Rendering of(DeliveryJob job) {
            return new Rendering(job.channel(), job.incidentId(), job.version(), job.content(), job.message());
        }

        /** Whether two jobs have the same rendering because they share its parts (the same content and message). */
        static boolean same(DeliveryJob a, DeliveryJob b) {
            return a.channel() == b.channel() && a.version() == b.version() && a.content() == b.content()
                    && a.message() == b.message() && a.incidentId().equals(b.incidentId());
        }
    }

    /** What the channel's sender sends, else (no sender) the update's content. */
    private byte[] contentHash(DeliveryJob job) {
        return Sha256.of(senders.archived(job).orElseGet(() -> {
            var content = job.content();
            return content.severity() + '\u0000' + content.status() + '\u0000' + content.title() + '\u0000'
                    + content.body();
        }));
    }
}
