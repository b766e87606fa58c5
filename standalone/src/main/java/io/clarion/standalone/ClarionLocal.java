package io.clarion.standalone;

import io.clarion.devstack.DevStack;
import io.clarion.devstack.Namespace;
import io.clarion.devstack.process.BindAddress;
import io.clarion.devstack.sandbox.SandboxMain;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The local run: starts devstack (Kafka, PostgreSQL, Redis, provider sandbox) and the engine on top of
 * it, prints where everything is, and runs until interrupted. Ports and the API key come from
 * {@code CLARION_GATEWAY_PORT} (8080, the API), {@code CLARION_MANAGEMENT_PORT} (8081, the gateway's probes and
 * metrics), {@code CLARION_SANDBOX_PORT} (8090) and {@code CLARION_API_KEY} ({@code clarion-dev-key}); the
 * sandbox keeps the newest {@code CLARION_SANDBOX_KEEP} messages (100,000). The gateway, its management port,
 * the dispatcher's management port and the sandbox listen on {@code CLARION_BIND_ADDRESS}, by default
 * 127.0.0.1: the well-known key is not exposed to the network unless asked for.
 */
public final class ClarionLocal {
    private ClarionLocal() {
    }

    public static void main(String[] args) throws InterruptedException {
        int gatewayPort = Integer.parseInt(env("CLARION_GATEWAY_PORT", "8080"));
        int managementPort = Integer.parseInt(env("CLARION_MANAGEMENT_PORT", "8081"));
        int sandboxPort = Integer.parseInt(env("CLARION_SANDBOX_PORT", "8090"));
        String apiKey = env("CLARION_API_KEY", "clarion-dev-key");
        String address = BindAddress.from(System::getenv);
        DevStack stack = DevStack.start(address, sandboxPort, SandboxMain.keep(System::getenv));
        stack.createDatabase("clarion");
        Engine engine = Engine.start(stack, new Namespace("clarion", "", ""), gatewayPort, apiKey, Map.of(
                "server.address", address,
                "management.server.address", address,
                "management.server.port", managementPort));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            engine.close();
            stack.close();
            stopped.countDown();
        }, "clarion-shutdown"));
        System.out.printf("%nClarion is running.%n  gateway:     %s%n  management:  %s/actuator (health, prometheus, info)"
                        + "%n  sandbox:     %s/sandbox%n  API key:     %s%nPress Ctrl-C to stop.%n",
                engine.gatewayUrl(), engine.managementUrl(), stack.sandbox().baseUrl(), apiKey);
        stopped.await();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
