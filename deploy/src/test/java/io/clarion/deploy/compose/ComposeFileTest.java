package io.clarion.deploy.compose;

import static io.clarion.deploy.Yamls.at;
import static io.clarion.deploy.Yamls.list;
import static io.clarion.deploy.Yamls.map;
import static io.clarion.deploy.Yamls.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.clarion.deploy.ClarionApplication;
import io.clarion.deploy.RepositoryFiles;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml parses, and what it gives each service is what that service reads: every
 * environment variable is a setting of the application, ports and health checks are where the
 * applications listen, images are built from the module's Dockerfile, and the schema is migrated once.
 */
class ComposeFileTest {
    /** What SandboxMain reads (devstack is not on this module's classpath). */
    private static final Set<String> SANDBOX_ENVIRONMENT = Set.of("CLARION_SANDBOX_HOST", "CLARION_SANDBOX_PORT",
            ClarionApplication.JVM_OPTIONS);
    private static final Map<String, ClarionApplication> APPLICATIONS = Map.of(
            "migrate", ClarionApplication.GATEWAY,
            "gateway", ClarionApplication.GATEWAY,
            "dispatcher", ClarionApplication.DISPATCHER);

    private static final String REDIS_PASSWORD = "${CLARION_REDIS_PASSWORD:-clarion-redis}";

    private static Map<String, Object> services;

    @BeforeAll
    static void parse() {
        Map<String, Object> compose = RepositoryFiles.yaml(RepositoryFiles.read(RepositoryFiles.resolve("docker-compose.yml")));
        services = map(compose, "services");
    }

    @Test
    void prometheusLoadsTheAlertRulesAndGrafanaIsProvisionedWithTheDashboard() {
        assertThat(list(services, "prometheus", "volumes"))
                .contains("./deploy/prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro");
        assertThat(list(RepositoryFiles.yaml(RepositoryFiles.read(RepositoryFiles.resolve("docker/prometheus.yml"))),
                "rule_files")).containsExactly("/etc/prometheus/alerts.yml");
        assertThat(list(services, "grafana", "volumes")).contains(
                "./deploy/grafana/provisioning:/etc/grafana/provisioning:ro",
                "./deploy/grafana/clarion.json:/var/lib/grafana/dashboards/clarion.json:ro");
        for (String service : List.of("prometheus", "grafana")) {
            for (Object volume : list(services, service, "volumes")) {
                String source = volume.toString().split(":")[0];
                assertThat(RepositoryFiles.resolve(source.substring(2))).as(service + " mounts " + source).exists();
            }
        }
    }

    @Test
    void definesTheWholeStack() {
        assertThat(services).containsOnlyKeys("kafka", "postgres", "redis", "migrate", "gateway", "dispatcher",
                "sandbox", "prometheus", "grafana");
        assertThat(string(services, "kafka", "image")).startsWith("apache/kafka:");
        assertThat(string(services, "kafka", "environment", "KAFKA_PROCESS_ROLES")).contains("controller");
        assertThat(at(services, "dispatcher", "deploy", "replicas")).isEqualTo(2);
    }

    @Test
    void everyVariableGivenToAnApplicationIsOneItReads() {
        APPLICATIONS.forEach((service, application) ->
                assertThat(environment(service).keySet()).as(service).filteredOn(v -> !application.accepts(v)).isEmpty());
        assertThat(environment("sandbox").keySet()).isSubsetOf(SANDBOX_ENVIRONMENT);
    }

    @Test
    void theApplicationsReachTheServicesUnderTheirComposeNames() {
        for (String service : List.of("gateway", "dispatcher")) {
            Map<String, Object> env = environment(service);
            assertThat(env.get("CLARION_KAFKA_BOOTSTRAPSERVERS")).as(service)
                    .isEqualTo(advertisedKafka());
            assertThat(env.get("SPRING_R2DBC_URL")).as(service).isEqualTo("r2dbc:postgresql://postgres:5432/"
                    + string(services, "postgres", "environment", "POSTGRES_DB"));
        }
        for (String service : List.of("gateway", "dispatcher")) {
            assertThat(environment(service).get("CLARION_REDIS_URL")).as(service)
                    .isEqualTo("redis://:" + REDIS_PASSWORD + "@redis:6379");
        }
        assertThat(list(services, "redis", "command")).containsSequence("--requirepass", REDIS_PASSWORD);
        assertThat(string(services, "redis", "environment", "REDISCLI_AUTH")).as("the health check's password")
                .isEqualTo(REDIS_PASSWORD);
        assertThat(environment("gateway").get("CLARION_AUTH_BOOTSTRAPKEY")).isEqualTo("${CLARION_API_KEY:-clarion-dev-key}");
    }

    @Test
    void theApplicationsConnectAsARuntimeLoginAndOnlyTheMigrationAsTheOwnerOfTheTables() {
        String owner = string(services, "postgres", "environment", "POSTGRES_USER");
        String ownerPassword = string(services, "postgres", "environment", "POSTGRES_PASSWORD");
        assertThat(environment("migrate")).containsEntry("SPRING_FLYWAY_USER", owner)
                .containsEntry("SPRING_FLYWAY_PASSWORD", ownerPassword);
        String runtimeUser = (String) environment("gateway").get("SPRING_R2DBC_USERNAME");
        String runtimePassword = (String) environment("gateway").get("SPRING_R2DBC_PASSWORD");
        assertThat(runtimeUser).isNotEqualTo(owner);
        for (String service : List.of("gateway", "dispatcher")) {
            assertThat(environment(service)).as(service).containsEntry("SPRING_R2DBC_USERNAME", runtimeUser)
                    .containsEntry("SPRING_R2DBC_PASSWORD", runtimePassword);
        }
        assertThat(list(services, "postgres", "volumes"))
                .contains("./docker/postgres/runtime-user.sql:/docker-entrypoint-initdb.d/10-runtime-user.sql:ro");
        assertThat(RepositoryFiles.read(RepositoryFiles.resolve("docker/postgres/runtime-user.sql")))
                .contains("CREATE ROLE clarion_runtime NOLOGIN;")
                .contains("CREATE ROLE " + runtimeUser + " LOGIN PASSWORD '" + runtimePassword + "' IN ROLE clarion_runtime;");
    }

    @Test
    void theSchemaIsMigratedOnceBeforeAnyApplicationStarts() throws ClassNotFoundException {
        List<Object> entrypoint = list(services, "migrate", "entrypoint");
        String mainClass = ((String) entrypoint.get(1)).replace("-Dloader.main=", "");

        assertThatCode(() -> Class.forName(mainClass)).as("the migration main exists").doesNotThrowAnyException();
        assertThat(entrypoint).last().isEqualTo("org.springframework.boot.loader.launch.PropertiesLauncher");
        assertThat(environment("migrate")).containsKeys("SPRING_FLYWAY_URL", "SPRING_FLYWAY_USER", "SPRING_FLYWAY_PASSWORD");
        assertThat(environment("gateway").get("SPRING_FLYWAY_ENABLED")).isEqualTo("false");
        for (String service : List.of("gateway", "dispatcher")) {
            assertThat(string(services, service, "depends_on", "migrate", "condition")).as(service)
                    .isEqualTo("service_completed_successfully");
        }
    }

    @Test
    void portsAndHealthChecksAreWhereTheApplicationsListen() {
        Object gatewayPort = ClarionApplication.GATEWAY.configurationFile().get("server.port");
        Object gatewayManagementPort = ClarionApplication.GATEWAY.configurationFile().get("management.server.port");
        Object dispatcherPort = ClarionApplication.DISPATCHER.configurationFile().get("server.port");

        assertThat(gatewayManagementPort).isNotNull().isNotEqualTo(gatewayPort);
        assertThat(list(services, "gateway", "ports")).as("the API only, on loopback")
                .containsExactly("127.0.0.1:" + gatewayPort + ":" + gatewayPort);
        assertThat(list(services, "sandbox", "ports")).containsExactly("127.0.0.1:8090:8090");
        assertThat(string(services, "sandbox", "environment", "CLARION_SANDBOX_PORT")).isEqualTo("8090");
        assertThat(at(services, "dispatcher", "ports")).as("replicas would clash on a published port").isNull();
        assertThat(list(services, "gateway", "healthcheck", "test"))
                .contains("http://127.0.0.1:" + gatewayManagementPort + "/actuator/health/readiness");
        assertThat(list(services, "dispatcher", "healthcheck", "test"))
                .contains("http://127.0.0.1:" + dispatcherPort + "/actuator/health/readiness");
    }

    @Test
    void clarionImagesAreBuiltFromTheirModulesDockerfile() {
        Map<String, String> modules = Map.of("migrate", "gateway", "gateway", "gateway", "dispatcher", "dispatcher",
                "sandbox", "devstack");
        modules.forEach((service, module) -> {
            assertThat(string(services, service, "build")).as(service).isEqualTo("./" + module);
            assertThat(Files.isRegularFile(RepositoryFiles.resolve(module).resolve("Dockerfile"))).as(module).isTrue();
        });
        assertThat(string(services, "migrate", "image")).isEqualTo(string(services, "gateway", "image"));
    }

    @Test
    void prometheusScrapesTheGatewayAndEveryDispatcherReplica() {
        List<Object> volumes = list(services, "prometheus", "volumes");
        assertThat(volumes).contains("./docker/prometheus.yml:/etc/prometheus/prometheus.yml:ro");
        Map<String, Object> prometheus = RepositoryFiles.yaml(RepositoryFiles.read(RepositoryFiles.resolve("docker/prometheus.yml")));
        List<Object> jobs = list(prometheus, "scrape_configs");

        assertThat(jobs).allSatisfy(job -> assertThat(string(job, "metrics_path")).isEqualTo("/actuator/prometheus"));
        assertThat(jobs).anySatisfy(job -> assertThat(list(map(list(job, "static_configs").get(0)), "targets"))
                .containsExactly("gateway:" + ClarionApplication.GATEWAY.configurationFile().get("management.server.port")));
        assertThat(jobs).anySatisfy(job -> {
            Map<String, Object> discovery = map(list(job, "dns_sd_configs").get(0));
            assertThat(list(discovery, "names")).containsExactly("dispatcher");
            assertThat(discovery.get("port")).isEqualTo(ClarionApplication.DISPATCHER.configurationFile().get("server.port"));
        });
    }

    private static String advertisedKafka() {
        return string(services, "kafka", "environment", "KAFKA_ADVERTISED_LISTENERS").replace("PLAINTEXT://", "");
    }

    /** The service's environment, including the entries merged in from YAML anchors. */
    private static Map<String, Object> environment(String service) {
        Object env = at(services, service, "environment");
        return env == null ? Map.of() : map(env);
    }
}
