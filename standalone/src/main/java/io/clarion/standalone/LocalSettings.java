package io.clarion.standalone;

import static java.util.Objects.requireNonNull;

import io.clarion.devstack.process.BindAddress;
import io.clarion.devstack.sandbox.SandboxMain;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What the local run is told by its environment and arguments: {@code CLARION_GATEWAY_PORT} (8080, the API),
 * {@code CLARION_MANAGEMENT_PORT} (8081, the gateway's probes and metrics), {@code CLARION_SANDBOX_PORT} (8090),
 * {@code CLARION_BIND_ADDRESS} (127.0.0.1: where the gateway, both management ports and the sandbox listen, so
 * the well-known key is not exposed to the network unless asked for), {@code CLARION_SANDBOX_KEEP} (100,000 messages), {@code CLARION_API_KEY}
 * ({@code clarion-dev-key}), {@code CLARION_DATA_DIR} (where Kafka, PostgreSQL and Redis keep their data;
 * {@code .clarion} in the working directory) and {@code CLARION_FRESH=true} or the argument {@code --fresh}
 * (start from an empty data directory).
 */
record LocalSettings(int gatewayPort, int managementPort, int sandboxPort, int sandboxKeep, String bindAddress,
                     String apiKey, Path dataDir, boolean fresh) {
    static final String DATA_DIR = "CLARION_DATA_DIR";
    static final String FRESH = "CLARION_FRESH";
    static final String FRESH_ARGUMENT = "--fresh";
    static final Path DEFAULT_DATA_DIR = Path.of(".clarion");

    LocalSettings {
        requireNonNull(bindAddress, "bindAddress");
        requireNonNull(apiKey, "apiKey");
        requireNonNull(dataDir, "dataDir");
    }

    static LocalSettings from(UnaryOperator<String> environment, List<String> arguments) {
        for (String argument : arguments) {
            if (!FRESH_ARGUMENT.equals(argument)) {
                throw new IllegalArgumentException("argument: " + argument + " (expected: " + FRESH_ARGUMENT + " or none)");
            }
        }
        return new LocalSettings(port(environment, "CLARION_GATEWAY_PORT", 8080),
                port(environment, "CLARION_MANAGEMENT_PORT", 8081), SandboxMain.port(environment),
                SandboxMain.keep(environment), BindAddress.from(environment),
                value(environment, "CLARION_API_KEY").orElse("clarion-dev-key"),
                value(environment, DATA_DIR).map(Path::of).orElse(DEFAULT_DATA_DIR).toAbsolutePath().normalize(),
                arguments.contains(FRESH_ARGUMENT) || fresh(environment));
    }

    private static boolean fresh(UnaryOperator<String> environment) {
        Optional<String> value = value(environment, FRESH);
        if (value.isEmpty() || value.get().equalsIgnoreCase("false")) {
            return false;
        }
        if (value.get().equalsIgnoreCase("true")) {
            return true;
        }
        throw new IllegalArgumentException(FRESH + ": " + value.get() + " (expected: true or false)");
    }

    private static int port(UnaryOperator<String> environment, String name, int fallback) {
        Optional<String> value = value(environment, name);
        try {
            return value.map(Integer::parseInt).orElse(fallback);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": " + value.get() + " (expected: a port number)", e);
        }
    }

    private static Optional<String> value(UnaryOperator<String> environment, String name) {
        return Optional.ofNullable(environment.apply(name)).map(String::trim).filter(value -> !value.isEmpty());
    }
}
