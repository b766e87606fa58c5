package io.clarion.loadtest.benchmark;

import io.clarion.devstack.DevStack;
import io.clarion.devstack.Namespace;
import io.clarion.standalone.Engine;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The status page storm benchmark in one command: starts devstack and the engine (one JVM, as
 * {@link BaselineBenchmark} does) with the status page's per-address limit off (every read comes from this one
 * machine), then runs the Gatling simulation {@value #SIMULATION} in a child JVM of its own (so the load
 * generator's heap and GC never pause the engine's) against it. The simulation measures a broadcast alone, then
 * the same broadcast while the storm runs, and prints the figures. Every {@code statusStorm.*} system property
 * given to this JVM (recipients, rate, rampSeconds, settleSeconds, timeoutSeconds) is passed on to it; argument 0 is
 * where Gatling writes its results.
 *
 * <p>It asserts no target. Exit code: Gatling's (0 when both broadcasts completed), 1 on any error.
 */
public final class StatusStormBenchmark {
    static final String SIMULATION = "io.clarion.loadtest.StatusStormBenchmarkSimulation";
    private static final String API_KEY = "status-storm-key";
    /** The sandbox keeps only its newest messages: the simulation reads its counters, never its inbox. */
    private static final int SANDBOX_KEEP = 10_000;

    private StatusStormBenchmark() {
    }

    public static void main(String[] args) {
        int exitCode = 1;
        try {
            exitCode = run(Path.of(args.length > 0 ? args[0] : "target/gatling"));
        } catch (Exception e) {
            System.err.println("status storm benchmark: failed: " + e);
            e.printStackTrace();
        }
        System.out.flush();
        // Stray non-daemon threads (clients, schedulers) must not keep a finished benchmark alive.
        System.exit(exitCode);
    }

    private static int run(Path results) throws IOException, InterruptedException {
        try (DevStack stack = DevStack.start(0, SANDBOX_KEEP)) {
            Namespace namespace = stack.newNamespace("status-storm");
            try (Engine engine = Engine.start(stack, namespace, 0, API_KEY,
                    Map.of("clarion.status-page.rate-limit.enabled", false))) {
                System.out.println("status storm benchmark: stack and engine up, gateway " + engine.gatewayUrl());
                return gatling(engine.gatewayUrl(), stack.sandbox().baseUrl(), results);
            }
        }
    }

    /** Runs the simulation in a child JVM on this JVM's class path; answers its exit code. */
    private static int gatling(String gatewayUrl, String sandboxUrl, Path results)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + System.getProperty("statusStorm.gatlingHeap", "2g"), "-XX:+UseG1GC",
                // what gatling-maven-plugin passes: Gatling's stats writer and Netty read JDK internals
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                "-Dclarion.url=" + gatewayUrl, "-Dclarion.apiKey=" + API_KEY, "-Dclarion.sandboxUrl=" + sandboxUrl));
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("statusStorm."))
                .sorted().forEach(name -> command.add("-D" + name + "=" + System.getProperty(name)));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.gatling.app.Gatling",
                "-s", SIMULATION, "-rf", results.toAbsolutePath().toString(), "-nr"));
        Process gatling = new ProcessBuilder(command).inheritIO().directory(new File(".")).start();
        try {
            return gatling.waitFor();
        } finally {
            gatling.destroy();
        }
    }
}
