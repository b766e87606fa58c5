package io.clarion.standalone;

import static java.util.Objects.requireNonNull;

import io.clarion.devstack.DevStack;
import io.clarion.devstack.Namespace;
import io.clarion.devstack.process.BindAddress;
import io.clarion.dispatcher.DispatcherApplication;
import io.clarion.gateway.GatewayApplication;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole engine in one JVM: a gateway and a dispatcher wired to a {@link DevStack} inside one
 * {@link Namespace} (its own database, topics and Redis keys). Used by the local run and by the
 * end-to-end tests, so both exercise exactly the same wiring. Closing it stops both applications,
 * not the stack.
 *
 * <p>The gateway serves its API on the given port and actuator (probes, {@code /actuator/prometheus}) only on its
 * management port ({@link #managementUrl()}), a free one unless {@code management.server.port} is overridden. Both
 * listen where {@code server.address} and {@code management.server.address} say (all interfaces when unset; the
 * local run passes 127.0.0.1 unless told otherwise). The schema is migrated as the stack's PostgreSQL user, who
 * owns it; {@link #runtimeDatabaseUser} runs the applications' own connections as another user.
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
        return start(stack, namespace, gatewayPort, apiKey, overrides, null);
    }

    /**
     * As above, with both applications telling time by {@code clock} (e.g. a test's adjustable clock; {@code null}:
     * the system's UTC clock): blackout windows, retries' due times, API key expiry.
     */
    public static Engine start(DevStack stack, Namespace namespace, int gatewayPort, String apiKey,
                               Map<String, Object> overrides, Clock clock) {
        Engine gatewayOnly = gatewayOnly(stack, namespace, gatewayPort, apiKey, overrides, clock);
        // management.server.* is the gateway's management port; the dispatcher's only port is server.port
        Map<String, Object> dispatcherOverrides = new HashMap<>(overrides);
        dispatcherOverrides.keySet().removeIf(key -> key.startsWith("management.server."));
        // the dispatcher signs subscribers' unsubscribe links with the gateway's key, pointing at the gateway
        Map<String, Object> gatewaySettings = Map.of("clarion.subscribers.token-key",
                gatewayOnly.gateway.getEnvironment().getProperty("clarion.subscribers.token-key", ""),
                "clarion.subscribers.public-url", gatewayOnly.gateway.getEnvironment()
                        .getProperty("clarion.subscribers.public-url", gatewayOnly.gatewayUrl()));
        gatewaySettings.forEach(dispatcherOverrides::putIfAbsent);
        ConfigurableApplicationContext dispatcher = withClock(DispatcherApplication.builder(), clock)
                .run(dispatcherArguments(stack, namespace, dispatcherOverrides));
        return new Engine(gatewayOnly.gateway, dispatcher);
    }

    /**
     * Starts only the gateway, for tests that run dispatchers as separate processes (with
     * {@link #dispatcherArguments}) to kill and restart them.
     */
    public static Engine gatewayOnly(DevStack stack, Namespace namespace, int gatewayPort, String apiKey,
                                     Map<String, Object> overrides) {
        return gatewayOnly(stack, namespace, gatewayPort, apiKey, overrides, null);
    }

    private static Engine gatewayOnly(DevStack stack, Namespace namespace, int gatewayPort, String apiKey,
                                      Map<String, Object> overrides, Clock clock) {
        requireNonNull(stack, "stack");
        requireNonNull(namespace, "namespace");
        Map<String, Object> properties = shared(stack, namespace);
        properties.put("management.server.port", 0);
        properties.putAll(overrides);
        properties.put("server.port", gatewayPort);
        properties.put("clarion.auth.bootstrap-key", apiKey);
        properties.putIfAbsent("clarion.erasure.hash-key", "local-erasure-key-" + namespace.database());
        properties.putIfAbsent("clarion.subscribers.token-key", "local-subscriber-key-" + namespace.database());
        return new Engine(withClock(GatewayApplication.builder(), clock).run(arguments(properties)), null);
    }

    /** The application with {@code clock} as its {@code Clock} bean (each declares one only when none exists). */
    private static SpringApplicationBuilder withClock(SpringApplicationBuilder builder, Clock clock) {
        return clock == null ? builder : builder.initializers(context -> context.getBeanFactory()
                .registerSingleton("clock", clock));
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

    /**
     * Overrides that run the gateway's and the dispatcher's R2DBC connections as {@code user} (e.g. a login
     * member of {@code clarion_runtime}, which may not alter or truncate the archive) while Flyway still
     * migrates as the stack's user, the schema's owner.
     */
    public static Map<String, Object> runtimeDatabaseUser(String user, String password) {
        return Map.of("spring.r2dbc.username", requireNonNull(user, "user"),
                "spring.r2dbc.password", requireNonNull(password, "password"));
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
        properties.put("clarion.kafka.notices-topic", namespace.topic("clarion.notices"));
        properties.put("clarion.kafka.group-id", namespace.topic("clarion-dispatcher"));
        properties.put("clarion.redis.url", stack.redisUri());
        properties.put("clarion.redis.key-prefix", namespace.redisKey("clarion:"));
        return properties;
    }

    /** The port the gateway listens on (useful when started on port 0). */
    public int gatewayPort() {
        return ((WebServerApplicationContext) gateway).getWebServer().getPort();
    }

    /** The API: {@code http://<address>:<port>}, loopback when the gateway listens on every interface. */
    public String gatewayUrl() {
        return "http://" + BindAddress.urlHost(gateway.getEnvironment().getProperty("server.address")) + ":"
                + gatewayPort();
    }

    /** The gateway's management port: probes, {@code /actuator/prometheus}, {@code /actuator/info}. */
    public int managementPort() {
        Integer port = gateway.getEnvironment().getProperty("local.management.port", Integer.class);
        if (port == null) {
            throw new IllegalStateException("the gateway runs no separate management server (management.server.port)");
        }
        return port;
    }

    public String managementUrl() {
        String address = gateway.getEnvironment().getProperty("management.server.address",
                gateway.getEnvironment().getProperty("server.address", ""));
        return "http://" + BindAddress.urlHost(address) + ":" + managementPort();
    }

    /** The in-process dispatcher's only port, its management port (probes, {@code /actuator/prometheus}). */
    public String dispatcherManagementUrl() {
        requireDispatcher();
        return "http://" + BindAddress.urlHost(dispatcher.getEnvironment().getProperty("server.address")) + ":"
                + ((WebServerApplicationContext) dispatcher).getWebServer().getPort();
    }

    /** A bean of the gateway, for tests that look inside (e.g. at its mapped routes). */
    public <T> T gatewayBean(String name, Class<T> type) {
        return gateway.getBean(name, type);
    }

    /** Where the gateway's Prometheus scrape is served (its management port). */
    public String gatewayMetricsUrl() {
        return managementUrl() + "/actuator/prometheus";
    }

    /** Where the in-process dispatcher's Prometheus scrape is served (its management port). */
    public String dispatcherMetricsUrl() {
        return dispatcherManagementUrl() + "/actuator/prometheus";
    }

    /** A bean of the in-process dispatcher, for benchmarks and tests that look inside. */
    public <T> T dispatcherBean(Class<T> type) {
        requireDispatcher();
        return dispatcher.getBean(type);
    }

    private void requireDispatcher() {
        if (dispatcher == null) {
            throw new IllegalStateException("this engine runs no dispatcher in process (see gatewayOnly)");
        }
    }

    @Override
    public void close() {
        if (dispatcher != null) {
            dispatcher.close();
        }
        gateway.close();
    }
}
