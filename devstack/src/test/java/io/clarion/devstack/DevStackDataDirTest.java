package io.clarion.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.devstack.process.WorkDirs;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A stack started with a data directory keeps Kafka's, PostgreSQL's and Redis's data for its next start. */
class DevStackDataDirTest {
    private static final String TOPIC = "kept.records";
    private static final String GROUP = "kept-group";

    private Path parent;
    private Path data;

    @BeforeEach
    void dataDirectory() {
        // WorkDirs makes it traversable by the user PostgreSQL runs as under root (JUnit's @TempDir is 0700)
        parent = WorkDirs.create("clarion-data-test-");
        data = parent.resolve("data");
    }

    @AfterEach
    void deleteDataDirectory() {
        WorkDirs.deleteQuietly(parent);
    }

    @Test
    void kafkaPostgresAndRedisFindTheirDataAgainAfterTheStackIsStoppedAndStartedAgain() throws Exception {
        try (DevStack first = DevStack.start("127.0.0.1", 0, 0, data)) {
            first.createDatabaseIfAbsent("kept");
            sql(first, "CREATE TABLE greeting (text text NOT NULL)", "INSERT INTO greeting VALUES ('hello')");
            try (RespClient redis = new RespClient(first.redisUri())) {
                redis.command("SET", "kept:key", "kept-value");
            }
            produce(first, "first", "second");
            assertThat(consume(first, 1)).containsExactly("first");
        }

        assertThat(data.resolve("kafka")).isDirectory();
        assertThat(data.resolve("postgres/data/PG_VERSION")).isRegularFile();
        try (DevStack second = DevStack.start("127.0.0.1", 0, 0, data)) {
            second.createDatabaseIfAbsent("kept");
            try (Connection connection = second.postgresCoordinates().connect("kept");
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT string_agg(text, ',') FROM greeting")) {
                rows.next();
                assertThat(rows.getString(1)).isEqualTo("hello");
            }
            try (RespClient redis = new RespClient(second.redisUri())) {
                assertThat(redis.command("GET", "kept:key")).isEqualTo("kept-value");
            }
            // the group's committed offset survived too: it goes on after the record it had consumed
            assertThat(consume(second, 1)).containsExactly("second");
        }
    }

    private static void sql(DevStack stack, String... statements) throws Exception {
        try (Connection connection = stack.postgresCoordinates().connect("kept");
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static void produce(DevStack stack, String... values) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            for (String value : values) {
                // one key: one partition, so the group reads them in order
                producer.send(new ProducerRecord<>(TOPIC, "k", value)).get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Reads up to {@code count} records as {@link #GROUP} and commits what it read. */
    private static List<String> consume(DevStack stack, int count) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, count),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
            consumer.commitSync();
        }
        return values;
    }
}
