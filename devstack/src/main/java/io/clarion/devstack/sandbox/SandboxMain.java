package io.clarion.devstack.sandbox;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;

/**
 * Runs only the {@link ProviderSandbox} (no Kafka, PostgreSQL or Redis) until the process is stopped:
 * the main class of the sandbox image ({@code devstack/Dockerfile}). It listens on
 * {@code CLARION_SANDBOX_HOST} (default {@code 0.0.0.0}, so other containers reach it) and
 * {@code CLARION_SANDBOX_PORT} (default 8090). SIGTERM stops the server before the JVM exits.
 */
public final class SandboxMain {

    static final String HOST_VARIABLE = "CLARION_SANDBOX_HOST";
    static final String PORT_VARIABLE = "CLARION_SANDBOX_PORT";
    static final String DEFAULT_HOST = "0.0.0.0";
    static final int DEFAULT_PORT = 8090;
    static final String KEEP_VARIABLE = "CLARION_SANDBOX_KEEP";
    /** Messages a long-running sandbox keeps (the newest); its counts go on counting every message. */
    static final int DEFAULT_KEEP = 100_000;

    private SandboxMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        ProviderSandbox sandbox = ProviderSandbox.start(host(System::getenv), port(System::getenv),
                keep(System::getenv));
        Runtime.getRuntime().addShutdownHook(new Thread(sandbox::stop, "sandbox-main-stop"));
        System.out.println("sandbox: listening on " + host(System::getenv) + ":" + sandbox.port()
                + " (SES v2, Twilio, FCM v1 + /token, APNs over h2c, webhooks: /webhooks/{recipient}; "
                + "inbox: /sandbox/messages, faults: /sandbox/faults)");
        new CountDownLatch(1).await();
    }

    static String host(UnaryOperator<String> environment) {
        return value(environment, HOST_VARIABLE).orElse(DEFAULT_HOST);
    }

    /** {@code CLARION_SANDBOX_PORT}, by default 8090. */
    public static int port(UnaryOperator<String> environment) {
        Optional<String> value = value(environment, PORT_VARIABLE);
        if (value.isEmpty()) {
            return DEFAULT_PORT;
        }
        try {
            return Integer.parseInt(value.get());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PORT_VARIABLE + ": " + value.get() + " (expected: a port number)", e);
        }
    }

    /** {@code CLARION_SANDBOX_KEEP}: how many of the newest messages a long-running sandbox keeps (0: all). */
    public static int keep(UnaryOperator<String> environment) {
        Optional<String> value = value(environment, KEEP_VARIABLE);
        if (value.isEmpty()) {
            return DEFAULT_KEEP;
        }
        try {
            int keep = Integer.parseInt(value.get());
            if (keep < 0) {
                throw new NumberFormatException("negative");
            }
            return keep;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(KEEP_VARIABLE + ": " + value.get() + " (expected: a count >= 0, 0 for all)", e);
        }
    }

    private static Optional<String> value(UnaryOperator<String> environment, String name) {
        return Optional.ofNullable(environment.apply(name)).map(String::trim).filter(v -> !v.isEmpty());
    }
}
