package io.clarion.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.core.delivery.DeliveryJob;
import io.clarion.devstack.DevStack;
import io.clarion.devstack.DevStackExtension;
import io.clarion.devstack.Namespace;
import io.clarion.devstack.sandbox.Fault;
import io.clarion.devstack.sandbox.SandboxMessage;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The contract over every provider answer Clarion knows, through the HTTP API, the real SDKs and the sandbox
 * answering each error for one recipient's contact point: the action taken and what is recorded.
 * <ul>
 *   <li>{@code retry}: tried again through the retry topic until out of attempts (2 here), then dead-lettered
 *       and recorded as failed ({@code retries-exhausted});</li>
 *   <li>{@code disable}: failed, the contact point is marked unusable, and the next broadcast skips it with the
 *       reason and sends nothing;</li>
 *   <li>{@code fail}: failed with the provider's code, nothing else;</li>
 *   <li>{@code dlq}: an answer no sender knows: failed and dead-lettered with the answer.</li>
 * </ul>
 * Parking by an open circuit is {@link ProviderOutageTest}'s subject.
 */
@ExtendWith(DevStackExtension.class)
class ProviderAnswersTest {
    private static final String KEY = "answers-key";

    private static DevStack stack;
    private static Namespace namespace;
    private static Engine engine;
    private static Api api;
    private static int row;

    @BeforeAll
    static void start(DevStack devStack) {
        stack = devStack;
        namespace = stack.newNamespace("answers");
        engine = Engine.start(stack, namespace, 0, KEY, Map.of(
                "clarion.retry.first-backoff", "50ms",
                "clarion.retry.max-backoff", "200ms",
                "clarion.retry.max-attempts", "2",
                "clarion.retry.webhook-schedule", "100ms",
                "clarion.breaker.minimum-calls", "1000"));
        api = new Api(engine.gatewayUrl(), KEY);
    }

    @AfterEach
    void noFaults() {
        stack.sandbox().faults().clear();
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    @ParameterizedTest(name = "{0} answering {1} → {2}")
    @CsvSource({
            "email, TooManyRequestsException, retry",
            "email, LimitExceededException, retry",
            "email, SendingPausedException, retry",
            "email, AccountSuspendedException, retry",
            "email, ServiceUnavailable, retry",
            "email, MessageRejected, fail",
            "email, MailFromDomainNotVerifiedException, fail",
            "email, SomeNewSesException, dlq",
            "sms, 20429, retry",
            "sms, 30003, retry",
            "sms, 20503, retry",
            "sms, 21211, disable",
            "sms, 21610, disable",
            "sms, 21614, disable",
            "sms, 29999, dlq",
            "fcm, UNREGISTERED, disable",
            "fcm, INVALID_ARGUMENT, fail",
            "fcm, QUOTA_EXCEEDED, retry",
            "fcm, UNAVAILABLE, retry",
            "apns, Unregistered, disable",
            "apns, BadDeviceToken, disable",
            "apns, TooManyRequests, retry",
            "apns, ServiceUnavailable, retry",
            "apns, SomeNewApnsReason, dlq",
            "webhook, 410, disable",
            "webhook, 503, retry",
            "webhook, 404, fail"})
    void providerAnswerLeadsToItsAction(String provider, String code, String action) throws Exception {
        String recipient = "ans-" + (++row);
        String destination = putRecipient(recipient, provider);
        stack.sandbox().faults().set(channel(provider), fault(provider, code).onlyFor(destination));
        String incident = "INC-ANS-" + row;
        api.incidentWithUpdate(incident, "SEV2", "investigating", "answer " + code);

        Map<String, Long> counts = Api.counts(api.awaitCompleted(
                api.broadcast(incident, List.of(recipient), List.of(channel(provider))), Duration.ofSeconds(60)));

        assertThat(counts).containsEntry("failed", 1L).containsEntry("sent", 0L);
        Delivery delivery = delivery(recipient, 1);
        switch (action) {
            case "retry" -> {
                assertThat(delivery.reason()).startsWith("retries-exhausted after 2 attempts").contains(code);
                assertThat(delivery.attempts()).isEqualTo(2);
                assertThat(deadLetterErrors(recipient)).singleElement().asString().startsWith("retries-exhausted");
                assertThat(unusable(recipient)).isEmpty();
            }
            case "disable" -> {
                assertThat(delivery.reason()).contains(code);
                assertThat(unusable(recipient)).singleElement().asString().contains(code);
                assertTheNextBroadcastSkipsTheContactPoint(recipient, incident, provider, code);
            }
            case "fail" -> {
                assertThat(delivery.reason()).contains(code);
                assertThat(unusable(recipient)).isEmpty();
                assertThat(deadLetterErrors(recipient)).isEmpty();
            }
            case "dlq" -> {
                assertThat(delivery.reason()).contains(code);
                assertThat(deadLetterErrors(recipient)).singleElement().asString()
                        .startsWith("unrecognized provider answer").contains(code);
            }
            default -> throw new IllegalArgumentException("action: " + action);
        }
    }

    private static void assertTheNextBroadcastSkipsTheContactPoint(String recipient, String incident, String provider,
                                                                   String code) throws SQLException {
        int next = api.incidentWithUpdate(incident, "SEV2", "identified", "next update");
        Map<String, Long> counts = Api.counts(api.awaitCompleted(
                api.broadcast(incident, List.of(recipient), List.of(channel(provider))), Duration.ofSeconds(30)));

        assertThat(counts).containsEntry("suppressed", 1L).containsEntry("sent", 0L).containsEntry("failed", 0L);
        assertThat(delivery(recipient, next).reason()).startsWith("contact-point-unusable: ").contains(code);
        assertThat(stack.sandbox().messages(channel(provider))).extracting(SandboxMessage::recipient)
                .doesNotContain(recipient);
    }

    private static String putRecipient(String id, String provider) {
        String destination;
        Map<String, Object> contacts = new HashMap<>();
        switch (provider) {
            case "email" -> contacts.put("email", destination = id + "@example.com");
            case "sms" -> contacts.put("sms", destination = "+1555300" + String.format("%04d", row));
            case "fcm", "apns" -> contacts.put("push", List.of(Map.of("platform", provider,
                    "token", destination = provider + "-token-" + id)));
            case "webhook" -> {
                contacts.put("webhook", Map.of("url", stack.sandbox().webhookUrl(id), "secret", Api.WEBHOOK_SECRET));
                destination = "/webhooks/" + id;
            }
            default -> throw new IllegalArgumentException("provider: " + provider);
        }
        var response = api.put("/v1/recipients/" + id, Map.of("contacts", contacts));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return destination;
    }

    private static Fault fault(String provider, String code) {
        if (provider.equals("webhook")) {
            return new Fault(1, Integer.parseInt(code), Duration.ZERO, Duration.ZERO, false);
        }
        return Fault.failing(code);
    }

    private static String channel(String provider) {
        return provider.equals("fcm") || provider.equals("apns") ? "push" : provider;
    }

    record Delivery(String reason, int attempts) {
    }

    private static Delivery delivery(String recipient, int version) throws SQLException {
        try (Connection db = stack.postgresCoordinates().connect(namespace.database());
             var query = db.prepareStatement("SELECT reason, attempts FROM deliveries WHERE recipient_id = ? AND version = ?")) {
            query.setString(1, recipient);
            query.setInt(2, version);
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).as("a delivery row for %s v%s", recipient, version).isTrue();
                return new Delivery(rows.getString(1), rows.getInt(2));
            }
        }
    }

    private static List<String> unusable(String recipient) throws SQLException {
        try (Connection db = stack.postgresCoordinates().connect(namespace.database());
             var query = db.prepareStatement("SELECT reason FROM unusable_contacts WHERE recipient_id = ?")) {
            query.setString(1, recipient);
            List<String> reasons = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    reasons.add(rows.getString(1));
                }
            }
            return reasons;
        }
    }

    private static boolean readUpTo(KafkaConsumer<String, String> consumer,
                                    Map<org.apache.kafka.common.TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    /** The errors of the dead-letter records of {@code recipient} (keyed by recipient), read from the start. */
    private static List<String> deadLetterErrors(String recipient) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, namespace.topic("answers-dlq-" + recipient));
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<String> errors = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(config)) {
            consumer.subscribe(List.of(namespace.topic("clarion.deliveries.dlq")));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            Map<org.apache.kafka.common.TopicPartition, Long> end = null;
            while (System.nanoTime() < deadline && (end == null || !readUpTo(consumer, end))) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (DeliveryJob.recipientKey("default", recipient).equals(record.key())) {
                        errors.add(new String(record.headers().lastHeader("clarion-error").value()));
                    }
                });
                if (end == null && !consumer.assignment().isEmpty()) {
                    end = consumer.endOffsets(consumer.assignment());
                }
            }
        }
        return errors;
    }
}
