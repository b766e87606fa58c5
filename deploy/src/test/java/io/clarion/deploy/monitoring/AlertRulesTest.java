package io.clarion.deploy.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.deploy.RepositoryFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * deploy/prometheus/alerts.yml is valid for a real Prometheus and its alerts fire when, and only when, their
 * unit tests (alerts-test.yml, synthetic series) say: {@code promtool} from Debian's {@code prometheus}
 * package, which {@code .ci/run} installs when it is missing.
 */
class AlertRulesTest {
    private static final Path RULES = RepositoryFiles.resolve("deploy/prometheus");

    @Test
    void promtoolChecksTheRules() throws Exception {
        Result check = promtool("check", "rules", "alerts.yml");

        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS: 6 rules found");
    }

    @Test
    void promtoolUnitTestsOfTheAlertsPass() throws Exception {
        Result test = promtool("test", "rules", "alerts-test.yml");

        assertThat(test.exitCode()).as(test.output()).isZero();
        assertThat(test.output()).contains("SUCCESS");
    }

    private record Result(int exitCode, String output) {
    }

    private static Result promtool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(promtoolBinary().toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(RULES.toFile()).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool within 60 s").isTrue();
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    static Path promtoolBinary() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("") + ":/usr/bin:/usr/local/bin";
        return Stream.of(path.split(":")).filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, "promtool"))
                .filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new AssertionError("promtool is not installed: apt-get install -y prometheus"
                        + " (.ci/run installs it)"));
    }
}
