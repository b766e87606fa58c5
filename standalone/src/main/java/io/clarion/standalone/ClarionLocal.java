package io.clarion.standalone;

import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The local run: starts devstack (Kafka, PostgreSQL, Redis, provider sandbox) and the engine on top of
 * it, prints where everything is, and runs until interrupted. Its data stays in {@code .clarion/} (or
 * {@code CLARION_DATA_DIR}) for the next start; {@code --fresh} or {@code CLARION_FRESH=true} starts empty.
 * See {@link LocalSettings} for ports, the bind address (127.0.0.1 unless {@code CLARION_BIND_ADDRESS}
 * says otherwise) and the API key.
 */
public final class ClarionLocal {
    private ClarionLocal() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalSettings settings = LocalSettings.from(System::getenv, List.of(args));
        LocalRun run = LocalRun.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            run.close();
            stopped.countDown();
        }, "clarion-shutdown"));
        System.out.printf("%nClarion is running.%n  gateway:     %s%n  management:  %s/actuator (health, prometheus, info)"
                        + "%n  sandbox:     %s/sandbox%n  API key:     %s%n  data:        %s%s%nPress Ctrl-C to stop.%n",
                run.engine().gatewayUrl(), run.engine().managementUrl(), run.stack().sandbox().baseUrl(),
                settings.apiKey(), settings.dataDir(),
                settings.fresh() ? " (fresh)" : " (kept for the next start; --fresh or CLARION_FRESH=true starts empty)");
        stopped.await();
    }
}
