package io.clarion.standalone.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs a full garbage collection in another JVM of this machine with the JDK's {@code jcmd <pid> GC.run}
 * (the {@code jcmd} next to this JVM's {@code java}), and waits until it is done: what is left in the heap
 * afterwards is what the process really holds.
 */
final class FullGc {
    static final long TIMEOUT_SECONDS = 60;

    private final long pid;
    private final Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");

    FullGc(long pid) {
        this.pid = pid;
        if (!Files.isExecutable(jcmd)) {
            throw new IllegalStateException(jcmd + " not found: the heap benchmark needs a JDK, not a JRE");
        }
    }

    void run() {
        try {
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.run")
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("jcmd " + pid + " GC.run did not finish within " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + pid + " GC.run exited with " + process.exitValue() + ": "
                        + output.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("jcmd " + pid + " GC.run failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during jcmd " + pid + " GC.run", e);
        }
    }
}
