package io.clarion.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DevStackExtension.class)
class DevStackTest {

    private static DevStack stack;
    private static Namespace namespace;

    @BeforeAll
    static void up(DevStack devStack) {
        stack = devStack;
        namespace = stack.newNamespace(DevStackTest.class.getSimpleName());
    }

    @Test
    void extensionGivesEveryTestTheSameStack(DevStack devStack) {
        assertThat(devStack).isSameAs(stack);
        assertThat(stack.kafkaBootstrap()).startsWith("127.0.0.1:");
        assertThat(stack.redisUri()).startsWith("redis://127.0.0.1:");
        assertThat(stack.postgresCoordinates().jdbcUrl("x")).startsWith("jdbc:postgresql://127.0.0.1:").endsWith("/x");
    }

    @Test
    void recordProducedToKafkaIsConsumedByAConsumerGroup() throws Exception {
        String topic = namespace.topic("greetings");
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(topic, "k1", "hello")).get(30, TimeUnit.SECONDS);
        }

        assertThat(consumeFromBeginning(topic, 1)).containsExactly("hello");
    }

    @Test
    void kafkaBrokerKilledAndRestartedKeepsItsRecordsAndAcceptsNewOnes() throws Exception {
        String topic = namespace.topic("survivors");
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(topic, "k", "before-kill")).get(30, TimeUnit.SECONDS);
        }

        stack.kafka().kill();
        stack.kafka().restart();

        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(topic, "k", "after-restart")).get(30, TimeUnit.SECONDS);
        }
        assertThat(consumeFromBeginning(topic, 2)).containsExactly("before-kill", "after-restart");
    }

    @Test
    void namespaceDatabaseRunsSqlAndIsInvisibleToOtherNamespaces() throws SQLException {
        assertThat(namespace.database()).matches("t_devstacktest_[a-z0-9]{8}");
        try (Connection connection = stack.postgresCoordinates().connect(namespace.database());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE greeting (id INT PRIMARY KEY, text TEXT NOT NULL)");
            statement.execute("INSERT INTO greeting VALUES (1, 'hello'), (2, 'world')");
            try (ResultSet rows = statement.executeQuery("SELECT string_agg(text, ' ' ORDER BY id) FROM greeting")) {
                rows.next();
                assertThat(rows.getString(1)).isEqualTo("hello world");
            }
        }

        Namespace other = stack.newNamespace("other test");
        try (Connection connection = stack.postgresCoordinates().connect(other.database());
             ResultSet tables = connection.getMetaData().getTables(null, "public", "greeting", null)) {
            assertThat(tables.next()).isFalse();
        }
    }

    @Test
    void redisAnswersSetAndGet() throws IOException {
        try (RespClient redis = new RespClient(stack.redisUri())) {
            assertThat(redis.command("PING")).isEqualTo("PONG");
            assertThat(redis.command("SET", namespace.redisKey("greeting"), "hello")).isEqualTo("OK");
            assertThat(redis.command("GET", namespace.redisKey("greeting"))).isEqualTo("hello");
        }
    }

    @Test
    void redisKilledIsUnreachableAndRestartedOnTheSamePortEmpty() throws IOException {
        try (RespClient redis = new RespClient(stack.redisUri())) {
            redis.command("SET", namespace.redisKey("doomed"), "1");
        }

        stack.redis().kill();
        assertThatThrownBy(() -> new RespClient(stack.redisUri())).isInstanceOf(ConnectException.class);
        stack.redis().restart();

        try (RespClient redis = new RespClient(stack.redisUri())) {
            assertThat(redis.command("PING")).isEqualTo("PONG");
            assertThat(redis.command("GET", namespace.redisKey("doomed"))).isNull();
        }
    }

    @Test
    void sandboxReceivesWebhooks() throws Exception {
        String recipient = "r-" + UUID.randomUUID();
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(stack.sandbox().webhookUrl(recipient)))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"recipientId\":\"" + recipient
                                + "\",\"incidentId\":\"INC-1\",\"version\":1}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(stack.sandbox().messages("webhook")).anySatisfy(message ->
                assertThat(message.recipient()).isEqualTo(recipient));
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000),
                new StringSerializer(), new StringSerializer());
    }

    private static List<String> consumeFromBeginning(String topic, int expected) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, namespace.topic("group-" + UUID.randomUUID()),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
