package io.clarion.devstack.kafka;

import static io.clarion.devstack.process.LoopbackPorts.HOST;

import io.clarion.devstack.process.ChildProcess;
import io.clarion.devstack.process.LoopbackPorts;
import io.clarion.devstack.process.ServiceProcess;
import io.clarion.devstack.process.Signal;
import io.clarion.devstack.process.WorkDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Kafka broker (KRaft: broker and controller in one child JVM) on
 * 127.0.0.1, with its data in a temporary directory, or in a kept one ({@link #start(Path)}) that the
 * next start reuses: topics, records and committed offsets survive.
 *
 * <p>Promises: {@link #start()} returns once a client can talk to the broker; {@link #kill()}
 * ends it like {@code kill -9}; {@link #restart()} brings it back on the same ports with the same
 * data; {@link #stop()} shuts it down and deletes its data. A JVM shutdown hook stops a broker
 * the caller forgot, so none outlives the JVM that started it (unless that JVM is killed with
 * SIGKILL). Child output goes to {@code broker.log} in the work directory, whose path and tail
 * are in every startup error.
 */
public final class KafkaBroker extends ServiceProcess {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private final int port;
    private final Path config;
    private final Path loggingConfig;

    private KafkaBroker(Path workDir, boolean keep, int port, Path config, Path loggingConfig) {
        super("kafka-broker", workDir, keep, Signal.TERM, STOP_GRACE);
        this.port = port;
        this.config = config;
        this.loggingConfig = loggingConfig;
    }

    /** Formats a fresh log directory and starts the broker on two free loopback ports. */
    public static KafkaBroker start() {
        return start(WorkDirs.create("clarion-kafka-"), false);
    }

    /**
     * Starts the broker on two free loopback ports with its data in {@code dataDir}, kept when it stops: a
     * log directory already there is reused, an empty one is formatted first.
     */
    public static KafkaBroker start(Path dataDir) {
        return start(WorkDirs.keep(dataDir), true);
    }

    private static KafkaBroker start(Path workDir, boolean keep) {
        try {
            int port = LoopbackPorts.free();
            int controllerPort = freePortOtherThan(port);
            Path config = BrokerConfig.write(workDir, port, controllerPort);
            if (!Files.exists(BrokerConfig.logDir(workDir).resolve("meta.properties"))) {
                ChildProcess.run("kafka storage format",
                        BrokerJvm.formatCommand(config, Uuid.randomUuid().toString()),
                        workDir, workDir.resolve("format.log"), FORMAT_TIMEOUT);
            }
            KafkaBroker broker = new KafkaBroker(workDir, keep, port, config, BrokerJvm.writeLoggingConfig(workDir));
            broker.launchOrGiveUp();
            return broker;
        } catch (RuntimeException e) {
            // the work directory is kept: the error message points at the logs in it
            throw new IllegalStateException("kafka broker did not start (work directory kept: " + workDir + "): "
                    + e.getMessage(), e);
        }
    }

    /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    /** Ends the broker like {@code kill -9}: no controlled shutdown, no flush. */
    public void kill() {
        killProcess();
    }

    /**
     * Starts the broker again on the same ports with the same data, and returns once it is
     * ready. A running broker is shut down first.
     */
    public void restart() {
        restartProcess();
    }

    @Override
    protected ChildProcess launch() {
        ChildProcess process = ChildProcess.start("kafka broker", BrokerJvm.brokerCommand(config, loggingConfig),
                workDir(), workDir().resolve("broker.log"));
        try (BrokerReadiness readiness = new BrokerReadiness(port)) {
            process.awaitReady(READY_TIMEOUT, readiness);
            return process;
        } catch (RuntimeException e) {
            process.kill();
            throw e;
        }
    }

    private static int freePortOtherThan(int taken) {
        int port = LoopbackPorts.free();
        return port != taken ? port : LoopbackPorts.free();
    }

    @Override
    public String toString() {
        return "KafkaBroker[" + bootstrapServers() + ", " + workDir() + "]";
    }
}
