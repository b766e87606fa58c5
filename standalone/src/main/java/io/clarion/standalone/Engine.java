package io.clarion.standalone;

import static java.util.Objects.requireNonNull;

import io.clarion.devstack.DevStack;
import io.clarion.devstack.Namespace;
import io.clarion.dispatcher.DispatcherApplication;
import io.clarion.gateway.GatewayApplication;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole engine in one JVM: a gateway and a dispatcher wired to a {@link DevStack} inside one
 * {@link Namespace} (its own database, topics and Redis keys). Used by the local run and by the
 * end-to-end tests, so both exercise exactly the same wiring. Closing it stops both applications,
 * not the stack.
 */
public final class Engine implements AutoCloseable {
    private final ConfigurableApplicationContext gateway;
    private final ConfigurableApplicationContext dispatcher; // null when dispatchers run as processes

    private Engine(ConfigurableApplicationContext gateway, ConfigurableApplicationContext dispatcher) {
        this.gateway = gateway;
        this.dispatcher = dispatcher;
    }

    /** Starts the gateway (migrating the schema first) and then the dispatcher; returns when both are up. */
    public static Engine start(DevStack stack, Namespace namespace, int gatewayPort, String apiKey,
                               Map<String, Object> overrides) {
        Engine gatewayOnly = gatewayOnly(stack, namespace, gatewayPort, apiKey, overrides);
        ConfigurableApplicationContext dispatcher = DispatcherApplication.builder()
                .run(dispatcherArguments(stack, namespace, overrides));
        return new Engine(gatewayOnly.gateway, dispatcher);
    }

    /**
     * Starts only the gateway, for tests that run dispatchers as separate processes (with
     * {@link #dispatcherArguments}) to kill and restart them.
     */
    public static Engine gatewayOnly(DevStack stack, Namespace namespace, int gatewayPort, String apiKey,
                                     Map<String, Object> overrides) {
        requireNonNull(stack, "stack");
        requireNonNull(namespace, "namespace");
        Map<String, Object> properties = shared(stack, namespace);
        properties.putAll(overrides);
        properties.put("server.port", gatewayPort);
        properties.put("clarion.auth.bootstrap-key", apiKey);
        properties.putIfAbsent("clarion.erasure.hash-key", "local-erasure-key-" + namespace.database());
        return new Engine(GatewayApplication.builder().run(arguments(properties)), null);
    }

    /**
     * The command-line arguments of a dispatcher wired to this stack and namespace (management port: free), with
     * every channel pointed at the stack's provider sandbox.
     */
    public static String[] dispatcherArguments(DevStack stack, Namespace namespace, Map<String, Object> overrides) {
        Map<String, Object> properties = shared(stack, namespace);
        properties.putAll(SandboxChannels.properties(stack.sandbox()));
        properties.put("server.port", 0);
        properties.putAll(overrides);
        return arguments(properties);
    }

    /** As command-line arguments, which take precedence over the applications' own configuration files. */
    private static String[] arguments(Map<String, Object> properties) {
        return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    private static Map<String, Object> shared(DevStack stack, Namespace namespace) {
        var postgres = stack.postgresCoordinates();
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.r2dbc.url", postgres.r2dbcUrl(namespace.database()));
        properties.put("spring.r2dbc.username", postgres.user());
        properties.put("spring.r2dbc.password", postgres.password());
        properties.put("spring.flyway.url", postgres.jdbcUrl(namespace.database()));
        properties.put("spring.flyway.user", postgres.user());
        properties.put("spring.flyway.password", postgres.password());
        properties.put("clarion.kafka.bootstrap-servers", stack.kafkaBootstrap());
        properties.put("clarion.kafka.broadcasts-topic", namespace.topic("clarion.broadcasts"));
        properties.put("clarion.kafka.deliveries-topic", namespace.topic("clarion.deliveries"));
        properties.put("clarion.kafka.retry-topic", namespace.topic("clarion.deliveries.retry"));
        properties.put("clarion.kafka.dead-letter-topic", namespace.topic("clarion.deliveries.dlq"));
        properties.put("clarion.kafka.group-id", namespace.topic("clarion-dispatcher"));
        properties.put("clarion.redis.url", stack.redisUri());
        properties.put("clarion.redis.key-prefix", namespace.redisKey("clarion:"));
        return properties;
    }

    /** The port the gateway listens on (useful when started on port 0). */
    public int gatewayPort() {
        return ((WebServerApplicationContext) gateway).getWebServer().getPort();
    }

    public String gatewayUrl() {
        return "http://127.0.0.1:" + gatewayPort();
    }

    /** A bean of the gateway, for tests that look inside (e.g. at its mapped routes). */
    public <T> T gatewayBean(String name, Class<T> type) {
        return gateway.getBean(name, type);
    }

    /** Where the gateway's Prometheus scrape is served. */
    public String gatewayMetricsUrl() {
        return gatewayUrl() + "/actuator/prometheus";
    }

    /** Where the in-process dispatcher's Prometheus scrape is served (its management port). */
    public String dispatcherMetricsUrl() {
        if (dispatcher == null) {
            throw new IllegalStateException("this engine runs no dispatcher in process (see gatewayOnly)");
        }
        return "http://127.0.0.1:" + ((WebServerApplicationContext) dispatcher).getWebServer().getPort()
                + "/actuator/prometheus";
    }

    /** A bean of the in-process dispatcher, for benchmarks and tests that look inside. */
    public <T> T dispatcherBean(Class<T> type) {
        if (dispatcher == null) {
            throw new IllegalStateException("this engine runs no dispatcher in process (see gatewayOnly)");
        }
        return dispatcher.getBean(type);
    }

    @Override
    public void close() {
        if (dispatcher != null) {
            dispatcher.close();
        }
        gateway.close();
    }
}
