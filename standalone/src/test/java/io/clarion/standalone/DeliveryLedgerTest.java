package io.clarion.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.core.channel.Channel;
import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.core.delivery.RenderedMessage;
import io.clarion.core.delivery.UpdateContent;
import io.clarion.core.digest.Sha256;
import io.clarion.devstack.DevStack;
import io.clarion.devstack.DevStackExtension;
import io.clarion.dispatcher.channel.ChannelSenders;
import io.clarion.dispatcher.ledger.DeliveryLedger;
import io.clarion.dispatcher.ledger.DeliveryLedger.Entry;
import io.clarion.dispatcher.ledger.WaitingBatches;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The delivery ledger against the real schema: a batch becomes one archive row per (broadcast, recipient,
 * channel) with every column as the job and outcome said, the broadcast's counters advance by the rows
 * actually inserted (a duplicate in the batch, or the whole batch recorded again after a crash, counts
 * nothing), and the broadcast completes once its outcomes cover what it targeted. Outcomes batched by what waits
 * ({@link WaitingBatches}) are each recorded once; the test prints rows/s of that policy and of the fixed window
 * it replaced.
 */
@ExtendWith(DevStackExtension.class)
class DeliveryLedgerTest {
    private static final String KEY = "ledger-key";
    private static final String INCIDENT = "INC-LEDGER";
    private static final UpdateContent CONTENT = new UpdateContent("SEV2", "investigating", "Trouble with " + INCIDENT,
            "looking into it");

    private static Engine engine;
    private static DeliveryLedger ledger;
    private static DatabaseClient db;
    private static int version;

    @BeforeAll
    static void start(DevStack stack) {
        engine = Engine.start(stack, stack.newNamespace("ledger"), 0, KEY, Map.of());
        ledger = engine.dispatcherBean(DeliveryLedger.class);
        db = engine.dispatcherBean(DatabaseClient.class);
        version = new Api(engine.gatewayUrl(), KEY).incidentWithUpdate(INCIDENT, CONTENT.severity(), CONTENT.status(),
                CONTENT.body());
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void aBatchBecomesOneRowPerDeliveryWithEveryColumn() {
        UUID broadcast = broadcast(3);
        DeliveryJob sent = job(broadcast, "alice", Channel.WEBHOOK, "https://alice.example/hook", 2);
        DeliveryJob suppressed = job(broadcast, "bob", Channel.SMS, null, 1);
        DeliveryJob failed = job(broadcast, "carol", Channel.EMAIL, "carol@example.com", 8);

        ledger.record(List.of(new Entry(sent, new DeliveryOutcome.Sent()),
                new Entry(suppressed, new DeliveryOutcome.Suppressed("no-contact-point")),
                new Entry(failed, new DeliveryOutcome.Failed("retries-exhausted after 8 attempts: 503")))).block();

        assertThat(rows(broadcast)).containsExactly(
                List.of("alice", "webhook", INCIDENT, version, "sent", "-", sent.messageId(), "https://alice.example/hook", 2),
                List.of("bob", "sms", INCIDENT, version, "suppressed", "no-contact-point", suppressed.messageId(), "-", 1),
                List.of("carol", "email", INCIDENT, version, "failed", "retries-exhausted after 8 attempts: 503",
                        failed.messageId(), "carol@example.com", 8));
        ChannelSenders senders = engine.dispatcherBean(ChannelSenders.class);
        assertThat(hashes(broadcast)).as("each row hashes what its channel's sender sends").containsExactly(
                hex(Sha256.of(senders.archived(sent).orElseThrow())),
                hex(Sha256.of(senders.archived(suppressed).orElseThrow())),
                hex(Sha256.of(senders.archived(failed).orElseThrow())));
        assertThat(hashes(broadcast).get(0)).as("a webhook without a template: its message is the update's own")
                .isEqualTo(hex(Sha256.of(CONTENT.title() + '\u0000' + CONTENT.body())));
        assertThat(hashes(broadcast)).doesNotHaveDuplicates();
        assertThat(counters(broadcast)).containsExactly(1L, 1L, 0L, 1L, "completed");
    }

    @Test
    void recipientsOfOneMessageShareItsHashAndEveryOtherMessageHasItsOwn() {
        UUID broadcast = broadcast(5);
        RenderedMessage german = new RenderedMessage("outage", 2, "de", "Störung", "Wir untersuchen es.", null);
        List<DeliveryJob> jobs = List.of(
                job(broadcast, "r1", Channel.EMAIL, "r1@example.com", 1),
                job(broadcast, "r2", Channel.EMAIL, "r2@example.com", 1),
                job(broadcast, "r3", Channel.EMAIL, "r3@example.com", 1).withMessage(german),
                job(broadcast, "r4", Channel.SMS, "+15550100", 1).withMessage(german),
                job(broadcast, "r5", Channel.EMAIL, "r5@example.com", 1).withMessage(german));

        ledger.record(jobs.stream().map(job -> new Entry(job, new DeliveryOutcome.Sent())).toList()).block();

        ChannelSenders senders = engine.dispatcherBean(ChannelSenders.class);
        List<String> hashes = hashes(broadcast);
        assertThat(hashes).as("each row hashes what its own channel sends it")
                .containsExactlyElementsOf(jobs.stream().map(job -> hex(Sha256.of(senders.archived(job).orElseThrow())))
                        .toList());
        assertThat(hashes.get(1)).as("one email, two recipients").isEqualTo(hashes.get(0));
        assertThat(hashes.get(4)).as("one German email, two recipients").isEqualTo(hashes.get(2));
        assertThat(List.of(hashes.get(0), hashes.get(2), hashes.get(3)))
                .as("the update's email, the German email and the German SMS").doesNotHaveDuplicates();
    }

    /** The rows' content hashes in hex, by recipient id. */
    private static List<String> hashes(UUID broadcast) {
        return db.sql("SELECT encode(content_hash, 'hex') AS hash FROM deliveries WHERE broadcast_id = $1 "
                        + "ORDER BY recipient_id")
                .bind(0, broadcast).map(row -> row.get("hash", String.class)).all().collectList().block();
    }

    private static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }

    @Test
    void duplicatesInABatchAndBatchesRecordedAgainCountOnce() {
        UUID broadcast = broadcast(3);
        List<Entry> batch = new ArrayList<>();
        for (String recipient : List.of("r1", "r2")) {
            batch.add(new Entry(job(broadcast, recipient, Channel.WEBHOOK, "https://" + recipient + ".example/", 1),
                    new DeliveryOutcome.Sent()));
        }
        batch.add(batch.get(0));

        ledger.record(batch).block();
        ledger.record(batch).block();

        assertThat(rows(broadcast)).hasSize(2);
        assertThat(counters(broadcast)).containsExactly(2L, 0L, 0L, 0L, "dispatching");

        ledger.record(List.of(new Entry(job(broadcast, "r3", Channel.WEBHOOK, "https://r3.example/", 1),
                new DeliveryOutcome.Superseded()))).block();

        assertThat(counters(broadcast)).containsExactly(2L, 0L, 1L, 0L, "completed");
    }

    @Test
    void outcomesBatchedByWhatWaitsAreEachRecordedOnce() {
        int outcomes = 5_000;
        UUID broadcast = broadcast(outcomes);

        List<Integer> sizes = recordAll(entries(broadcast, outcomes), "batches of what waits",
                entries -> entries.transform(WaitingBatches.upTo(500)).concatMap(this::record, 0));

        assertThat(sizes).allSatisfy(size -> assertThat(size).isBetween(1, 500));
        assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(outcomes);
        assertThat(db.sql("SELECT count(*) FROM deliveries WHERE broadcast_id = $1").bind(0, broadcast)
                .map(row -> row.get(0, Long.class)).one().block(Duration.ofSeconds(10))).isEqualTo(outcomes);
        assertThat(counters(broadcast)).containsExactly((long) outcomes, 0L, 0L, 0L, "completed");

        // for comparison only, no assertion on time: the policy this replaced (500 or 50 ms, whichever first) and
        // this one again, warm
        recordAll(entries(broadcast(outcomes), outcomes), "batches of 500 or 50 ms",
                entries -> entries.bufferTimeout(500, Duration.ofMillis(50), true).concatMap(this::record));
        recordAll(entries(broadcast(outcomes), outcomes), "batches of what waits",
                entries -> entries.transform(WaitingBatches.upTo(500)).concatMap(this::record, 0));
    }

    private Mono<Integer> record(List<Entry> batch) {
        return ledger.record(batch).thenReturn(batch.size());
    }

    /** Records the outcomes as {@code policy} batches them, prints rows/s; answers the batch sizes. */
    private static List<Integer> recordAll(List<Entry> entries, String policy,
                                           Function<Flux<Entry>, Flux<Integer>> batching) {
        long start = System.nanoTime();
        List<Integer> sizes = Flux.fromIterable(entries).publishOn(Schedulers.parallel()).as(batching)
                .collectList().block(Duration.ofSeconds(60));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("ledger, %s: %d rows in %d statements, %.0f rows/s%n", policy, entries.size(), sizes.size(),
                entries.size() / seconds);
        return sizes;
    }

    private static List<Entry> entries(UUID broadcast, int count) {
        List<Entry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            entries.add(new Entry(job(broadcast, "bulk-" + i, Channel.WEBHOOK, "https://bulk.example/" + i, 1),
                    new DeliveryOutcome.Sent()));
        }
        return entries;
    }

    /** A broadcast row that is expanded, targets {@code targeted} deliveries and is on no topic. */
    private static UUID broadcast(int targeted) {
        UUID id = UUID.randomUUID();
        db.sql("""
                        INSERT INTO broadcasts (tenant_id, id, incident_id, version, audience, channels, status, expanded,
                                                targeted)
                        VALUES ('default', $1, $2, $3, '{}'::jsonb, ARRAY['webhook'], 'dispatching', true, $4)""")
                .bind(0, id).bind(1, INCIDENT).bind(2, version).bind(3, (long) targeted)
                .fetch().rowsUpdated().block(Duration.ofSeconds(10));
        return id;
    }

    private static DeliveryJob job(UUID broadcast, String recipient, Channel channel, String destination, int attempt) {
        return new DeliveryJob(broadcast.toString(), INCIDENT, version, recipient, channel, CONTENT, destination,
                null, "default", attempt);
    }

    private static List<List<Object>> rows(UUID broadcast) {
        return db.sql("""
                        SELECT recipient_id, channel, incident_id, version, outcome, coalesce(reason, '-'), message_id,
                               coalesce(destination, '-'), attempts
                        FROM deliveries WHERE broadcast_id = $1 ORDER BY recipient_id""")
                .bind(0, broadcast)
                .map(row -> List.<Object>of(row.get(0, String.class), row.get(1, String.class), row.get(2, String.class),
                        row.get(3, Integer.class), row.get(4, String.class), row.get(5, String.class),
                        row.get(6, String.class), row.get(7, String.class), row.get(8, Integer.class)))
                .all().collectList().block(Duration.ofSeconds(10));
    }

    private static List<Object> counters(UUID broadcast) {
        return db.sql("SELECT sent, failed, superseded, suppressed, status FROM broadcasts WHERE id = $1")
                .bind(0, broadcast)
                .map(row -> List.<Object>of(row.get(0, Long.class), row.get(1, Long.class), row.get(2, Long.class),
                        row.get(3, Long.class), row.get(4, String.class)))
                .one().block(Duration.ofSeconds(10));
    }
}
