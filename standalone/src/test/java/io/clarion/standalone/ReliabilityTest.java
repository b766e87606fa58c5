package io.clarion.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clarion.devstack.DevStack;
import io.clarion.devstack.DevStackExtension;
import io.clarion.devstack.Namespace;
import io.clarion.devstack.sandbox.SandboxMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Nothing is lost when Kafka is down at submission, and a poison record does not stop its partition. */
@ExtendWith(DevStackExtension.class)
class ReliabilityTest {
    private static final String KEY = "reliability-key";

    private static DevStack stack;
    private static Namespace namespace;
    private static Engine engine;
    private static Api api;

    @BeforeAll
    static void start(DevStack devStack) {
        stack = devStack;
        namespace = stack.newNamespace("reliability");
        engine = Engine.start(stack, namespace, 0, KEY, Map.of());
        api = new Api(engine.gatewayUrl(), KEY);
        for (int i = 0; i < 20; i++) {
            String id = "rel-" + i;
            api.put("/v1/recipients/" + id, Map.of("tier", "reliable", "contacts",
                    Map.of("webhook", Map.of("url", stack.sandbox().webhookUrl(id), "secret", "plain-webhook-secret-" + i))));
        }
        api.put("/v1/segments/everyone", Map.of("match", Map.of("tier", List.of("reliable"))));
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void aBroadcastAcceptedWhileKafkaIsDownIsDeliveredWhenItReturns() {
        postUpdate("INC-OUTAGE");
        stack.kafka().kill();
        Api.Response accepted;
        try {
            accepted = api.post("/v1/broadcasts", Map.of("incidentId", "INC-OUTAGE",
                    "audience", Map.of("segments", List.of("everyone")), "channels", List.of("webhook")));
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            assertThat(api.get("/v1/broadcasts/" + accepted.json().get("id")).json().get("status")).isEqualTo("accepted");
        } finally {
            stack.kafka().restart();
        }

        String id = (String) accepted.json().get("id");
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(api.get("/v1/broadcasts/" + id).json().get("status")).isEqualTo("completed"));
        assertThat(received("INC-OUTAGE")).extracting(SandboxMessage::recipient).hasSize(20).doesNotHaveDuplicates();
    }

    @Test
    void aPoisonDeliveryRecordIsParkedInTheDeadLetterTopicAndThePartitionKeepsMoving() {
        try (var producer = new KafkaProducer<String, String>(producerConfig())) {
            for (int partition = 0; partition < 6; partition++) {
                producer.send(new ProducerRecord<>(namespace.topic("clarion.deliveries"), partition, "poison",
                        "{not a delivery"));
            }
            producer.flush();
        }
        postUpdate("INC-AFTER-POISON");
        var accepted = api.post("/v1/broadcasts", Map.of("incidentId", "INC-AFTER-POISON",
                "audience", Map.of("segments", List.of("everyone")), "channels", List.of("webhook")));

        String id = (String) accepted.json().get("id");
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(api.get("/v1/broadcasts/" + id).json().get("status")).isEqualTo("completed"));
        assertThat(received("INC-AFTER-POISON")).hasSize(20);
        List<ConsumerRecord<String, String>> parked = deadLetters(6);
        assertThat(parked).hasSize(6).allSatisfy(record -> {
            assertThat(record.value()).isEqualTo("{not a delivery");
            assertThat(new String(record.headers().lastHeader("clarion-error").value())).isNotBlank();
        });
    }

    @Test
    void redisDownForTenSecondsMidBroadcastSendsNothingUnclaimedAndLosesNothing() {
        int recipients = 4_000;
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < recipients; i++) {
            String id = "redis-" + i;
            lines.add(Api.json(Map.of("id", id, "tier", "redis-outage", "contacts",
                    Map.of("webhook", Map.of("url", stack.sandbox().webhookUrl(id), "secret", Api.WEBHOOK_SECRET)))));
        }
        assertThat(api.postNdjson("/v1/recipients:import", lines).status()).isEqualTo(200);
        api.put("/v1/segments/redis-outage", Map.of("match", Map.of("tier", List.of("redis-outage"))));
        api.put("/v1/admin/rate-limits/provider:webhook:default",
                Map.of("capacity", 10, "refillTokens", 250, "refillPeriod", "PT1S"));
        postUpdate("INC-REDIS");
        var accepted = api.post("/v1/broadcasts", Map.of("incidentId", "INC-REDIS",
                "audience", Map.of("segments", List.of("redis-outage")), "channels", List.of("webhook")));
        String id = (String) accepted.json().get("id");

        await().atMost(Duration.ofMinutes(1)).until(() -> received("INC-REDIS").size() >= 1_000);
        stack.redis().kill();
        java.time.Instant killed = java.time.Instant.now();
        await().pollDelay(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(11)).until(() -> true);
        java.time.Instant restarted = java.time.Instant.now();
        stack.redis().restart();

        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(api.get("/v1/broadcasts/" + id).json().get("status")).isEqualTo("completed"));
        List<SandboxMessage> messages = received("INC-REDIS");
        // Sends granted just before the kill may still land in its first seconds on a loaded machine;
        // after that, nothing may be sent until Redis is back, since no claim can be taken.
        long duringOutage = messages.stream().filter(m -> m.receivedAt().isAfter(killed.plusSeconds(3))
                && m.receivedAt().isBefore(restarted)).count();
        long distinct = messages.stream().map(SandboxMessage::recipient).distinct().count();
        System.out.printf("redis outage test: %d recipients, received %d (distinct %d), %d during the outage: %s%n",
                recipients, messages.size(), distinct, duringOutage, messages.stream()
                        .filter(m -> m.receivedAt().isAfter(killed) && m.receivedAt().isBefore(restarted))
                        .map(m -> Duration.between(killed, m.receivedAt()).toMillis() + "ms").toList());
        assertThat(duringOutage).as("messages sent while no claim could be taken").isZero();
        assertThat(distinct).as("recipients reached").isEqualTo(recipients);
    }

    private static void postUpdate(String incident) {
        assertThat(api.put("/v1/incidents/" + incident, Map.of("title", "t", "severity", "SEV2")).status()).isEqualTo(201);
        assertThat(api.post("/v1/incidents/" + incident + "/updates", Map.of("status", "investigating", "body", "b"))
                .status()).isEqualTo(201);
    }

    private static List<SandboxMessage> received(String incident) {
        return stack.sandbox().messages("webhook").stream().filter(m -> incident.equals(m.incidentId())).toList();
    }

    private static Properties producerConfig() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return config;
    }

    private static List<ConsumerRecord<String, String>> deadLetters(int expected) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, namespace.topic("dlq-reader"));
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(config)) {
            consumer.subscribe(List.of(namespace.topic("clarion.deliveries.dlq")));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }
}
