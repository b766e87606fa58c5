package io.clarion.devstack.kafka;

import static io.clarion.devstack.process.LoopbackPorts.HOST;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code server.properties} of a single-node KRaft broker tuned for tests: every internal topic
 * has one replica, consumer groups rebalance without the initial delay, and topics are created
 * on first use with {@value #PARTITIONS} partitions.
 */
final class BrokerConfig {

    static final int PARTITIONS = 6;

    private BrokerConfig() {
    }

    /** Where the broker keeps its records and metadata: {@code meta.properties} there means it was formatted. */
    static Path logDir(Path workDir) {
        return workDir.resolve("kraft-logs");
    }

    static Path write(Path workDir, int port, int controllerPort) {
        List<String> lines = List.of(
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + HOST + ":" + controllerPort,
                "listeners=PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort,
                "advertised.listeners=PLAINTEXT://" + HOST + ":" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + logDir(workDir),
                "num.partitions=" + PARTITIONS,
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                // 50 partitions (the default) make the first consumer group wait for 50 leaders
                "offsets.topic.num.partitions=" + PARTITIONS,
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=" + PARTITIONS,
                "group.initial.rebalance.delay.ms=0",
                // after kill -9 the restarted broker cannot register until the old session expires
                // (default 9 s); 3 s still tolerates GC pauses and a busy 2-core machine
                "broker.session.timeout.ms=3000",
                "broker.heartbeat.interval.ms=500",
                "num.network.threads=2",
                "num.io.threads=4",
                "log.retention.hours=1");
        Path file = workDir.resolve("server.properties");
        try {
            Files.write(file, lines, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
