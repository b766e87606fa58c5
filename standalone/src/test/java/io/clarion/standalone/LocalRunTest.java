package io.clarion.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.devstack.process.WorkDirs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The local run keeps recipients, segments and incidents in its data directory across a stop and a start,
 * and a fresh start forgets them. It starts its own devstack with that directory (never the tests' shared
 * one) on free ports.
 */
class LocalRunTest {
    private static final String API_KEY = "local-run-test-key";

    private Path parent;
    private Path data;

    @BeforeEach
    void dataDirectory() {
        // WorkDirs makes it traversable by the user PostgreSQL runs as under root (JUnit's @TempDir is 0700)
        parent = WorkDirs.create("clarion-local-run-test-");
        data = parent.resolve("data");
    }

    @AfterEach
    void deleteDataDirectory() {
        WorkDirs.deleteQuietly(parent);
    }

    @Test
    void recipientsSegmentsAndIncidentsAreThereAfterARestartAndGoneAfterAFreshStart() {
        try (LocalRun run = LocalRun.start(settings(false))) {
            Api api = api(run);
            assertThat(api.put("/v1/recipients/kept-1", Map.of("tier", "enterprise",
                    "contacts", Map.of("email", "kept-1@example.com"))).status()).isBetween(200, 201);
            assertThat(api.put("/v1/segments/kept", Map.of("match", Map.of("tier", List.of("enterprise")))).status())
                    .isEqualTo(201);
            assertThat(api.put("/v1/incidents/INC-KEPT", Map.of("title", "Kept", "severity", "SEV2")).status())
                    .isBetween(200, 201);
        }

        try (LocalRun run = LocalRun.start(settings(false))) {
            Api api = api(run);
            assertThat(api.get("/v1/incidents/INC-KEPT").status()).isEqualTo(200);
            assertThat(api.get("/v1/incidents/INC-KEPT").json()).containsEntry("title", "Kept");
            assertThat(api.get("/v1/segments/kept/size").json()).containsEntry("recipients", 1);
        }

        try (LocalRun run = LocalRun.start(settings(true))) {
            Api api = api(run);
            assertThat(api.get("/v1/incidents/INC-KEPT").status()).isEqualTo(404);
            assertThat(api.get("/v1/segments/kept/size").status()).isEqualTo(404);
        }
    }

    @Test
    void settingsComeFromTheEnvironmentAndTheFreshArgument() {
        Map<String, String> environment = Map.of("CLARION_DATA_DIR", "/var/tmp/clarion-data",
                "CLARION_GATEWAY_PORT", "18080", "CLARION_SANDBOX_PORT", "18090");

        LocalSettings defaults = LocalSettings.from(name -> null, List.of());
        LocalSettings moved = LocalSettings.from(environment::get, List.of());
        LocalSettings fresh = LocalSettings.from(environment::get, List.of("--fresh"));

        assertThat(defaults.dataDir()).isEqualTo(Path.of(".clarion").toAbsolutePath());
        assertThat(defaults.fresh()).isFalse();
        assertThat(moved.dataDir()).isEqualTo(Path.of("/var/tmp/clarion-data"));
        assertThat(moved.gatewayPort()).isEqualTo(18080);
        assertThat(moved.sandboxPort()).isEqualTo(18090);
        assertThat(fresh.fresh()).isTrue();
        assertThat(LocalSettings.from(Map.of("CLARION_FRESH", "true")::get, List.of()).fresh()).isTrue();
    }

    private LocalSettings settings(boolean fresh) {
        return new LocalSettings(0, 0, 0, 0, "127.0.0.1", API_KEY, data, fresh);
    }

    private static Api api(LocalRun run) {
        return new Api(run.engine().gatewayUrl(), API_KEY);
    }
}
