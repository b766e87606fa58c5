package io.clarion.deploy.helm;

import static io.clarion.deploy.Yamls.at;
import static io.clarion.deploy.Yamls.list;
import static io.clarion.deploy.Yamls.map;
import static io.clarion.deploy.Yamls.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.LintResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** helm/clarion lints and renders, with default values and with ci/production-values.yaml. */
class ChartTest {
    /** Secret-bearing names; a token URI and a key id are not secrets. */
    private static final String SECRET_NAMES = ".*(PASSWORD|SECRET|TOKEN(?!URI)|CREDENTIAL|BOOTSTRAPKEY|APIKEY|PRIVATEKEY(?!ID)|ACCESSKEY).*";

    private static Manifests defaults;
    private static Manifests production;

    @BeforeAll
    static void render() {
        defaults = Chart.render(Map.of());
        production = Chart.render(Chart.PRODUCTION_VALUES);
    }

    @Test
    void lintsWithoutWarningsWithDefaultValues(@TempDir Path work) {
        LintResult lint = Chart.lint(null, work);

        assertThat(lint.isFailed()).as("%s", lint.getMessages()).isFalse();
        assertThat(lint.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }

    @Test
    void lintsWithoutWarningsWithProductionValues(@TempDir Path work) {
        LintResult lint = Chart.lint(Chart.PRODUCTION_VALUES, work);

        assertThat(lint.isFailed()).as("%s", lint.getMessages()).isFalse();
        assertThat(lint.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }

    @Test
    void rendersGatewayAndDispatcherWithServicesAndDisruptionBudgets() {
        for (Manifests render : List.of(defaults, production)) {
            for (String component : List.of("clarion-gateway", "clarion-dispatcher")) {
                assertThat(render.find("Deployment", component)).isPresent();
                assertThat(render.find("Service", component)).isPresent();
                assertThat(render.find("ConfigMap", component)).isPresent();
                Map<String, Object> budget = render.get("PodDisruptionBudget", component);
                assertThat(map(budget, "spec", "selector", "matchLabels"))
                        .isEqualTo(map(render.get("Deployment", component), "spec", "selector", "matchLabels"));
            }
        }
    }

    @Test
    void everyContainerProbesActuatorHealthGroupsOnAPortItDeclares() {
        for (Manifests render : List.of(defaults, production)) {
            for (String deployment : List.of("clarion-gateway", "clarion-dispatcher")) {
                Map<String, Object> container = render.container(deployment);
                List<String> portNames = list(container, "ports").stream().map(p -> string(p, "name")).toList();

                assertThat(string(container, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
                assertThat(string(container, "readinessProbe", "httpGet", "path")).isEqualTo("/actuator/health/readiness");
                assertThat(string(container, "startupProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
                for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                    assertThat(portNames).as(deployment + " " + probe).contains(string(container, probe, "httpGet", "port"));
                }
            }
        }
    }

    @Test
    void theReadinessProbeWaitsLongerThanTheKafkaHealthCheck() {
        int kafkaCheckSeconds = 3;
        for (String deployment : List.of("clarion-gateway", "clarion-dispatcher")) {
            Object timeout = at(defaults.container(deployment), "readinessProbe", "timeoutSeconds");

            assertThat((Integer) timeout).as(deployment).isGreaterThan(kafkaCheckSeconds);
        }
    }

    @Test
    void everyContainerRequestsCpuAndMemoryAndHasAMemoryLimit(@TempDir Path work) {
        for (Manifests render : List.of(defaults, production, Chart.renderWithHooks(null, work))) {
            assertThat(render.containers()).isNotEmpty().allSatisfy(entry -> {
                Map<String, Object> resources = map(entry.getValue(), "resources");
                assertThat(map(resources, "requests")).as(entry.getKey()).containsKeys("cpu", "memory");
                assertThat(map(resources, "limits")).as(entry.getKey()).containsKey("memory");
            });
        }
    }

    @Test
    void podsRunAsNonRootWithAReadOnlyRootFilesystem() {
        for (String deployment : List.of("clarion-gateway", "clarion-dispatcher")) {
            Map<String, Object> pod = map(production.get("Deployment", deployment), "spec", "template", "spec");

            assertThat(at(pod, "securityContext", "runAsNonRoot")).isEqualTo(true);
            assertThat(at(pod, "securityContext", "runAsUser")).isEqualTo(10001);
            assertThat(at(production.container(deployment), "securityContext", "readOnlyRootFilesystem")).isEqualTo(true);
        }
    }

    @Test
    void secretsAreReadFromSecretsAndNeverInlined(@TempDir Path work) {
        for (Manifests render : List.of(defaults, production, Chart.renderWithHooks(Chart.PRODUCTION_VALUES, work))) {
            assertThat(render.containers()).allSatisfy(entry -> {
                List<Object> env = at(entry.getValue(), "env") == null ? List.of() : list(entry.getValue(), "env");
                assertThat(env).filteredOn(e -> string(e, "name").matches(SECRET_NAMES)).as(entry.getKey())
                        .allSatisfy(e -> {
                            assertThat(at(e, "value")).as(string(e, "name")).isNull();
                            assertThat(string(e, "valueFrom", "secretKeyRef", "name")).isNotBlank();
                        });
            });
            assertThat(render.ofKind("ConfigMap")).allSatisfy(configMap ->
                    assertThat(map(configMap, "data").keySet()).noneMatch(key -> key.matches(SECRET_NAMES)));
        }
    }

    @Test
    void productionReadsEverySecretFromTheSecretItManagesAndTheChartCreatesNone() {
        assertThat(production.ofKind("Secret")).isEmpty();
        Map<String, Object> dispatcher = production.container("clarion-dispatcher");

        assertThat(list(dispatcher, "env")).extracting(e -> string(e, "valueFrom", "secretKeyRef", "name"))
                .containsOnly("clarion-production");
        assertThat(list(dispatcher, "env")).extracting(e -> string(e, "name")).contains("CLARION_REDIS_URL");
        assertThat(map(production.get("ConfigMap", "clarion-dispatcher"), "data")).doesNotContainKey("CLARION_REDIS_URL");
        assertThat(list(dispatcher, "envFrom")).extracting(e -> string(e, "secretRef", "name"))
                .as("provider credentials come only from a Secret").contains("clarion-provider-credentials");
    }

    @Test
    void kedaIsOffByDefaultAndTheDispatcherHasFixedReplicas() {
        assertThat(defaults.ofKind("ScaledObject")).isEmpty();
        assertThat(at(defaults.get("Deployment", "clarion-dispatcher"), "spec", "replicas")).isEqualTo(2);
    }

    @Test
    void withKedaTheDispatcherScalesOnTheLagOfEachConsumerGroup() {
        Map<String, Object> scaled = production.get("ScaledObject", "clarion-dispatcher");

        assertThat(string(scaled, "spec", "scaleTargetRef", "name")).isEqualTo("clarion-dispatcher");
        assertThat(list(scaled, "spec", "triggers")).extracting(t -> string(t, "metadata", "consumerGroup"))
                .containsExactlyInAnyOrder("clarion-dispatcher.deliver", "clarion-dispatcher.deliver.urgent",
                        "clarion-dispatcher.expand");
        assertThat(at(scaled, "spec", "maxReplicaCount")).isEqualTo(24);
        assertThat(at(production.get("Deployment", "clarion-dispatcher"), "spec", "replicas"))
                .as("KEDA owns the replica count").isNull();
    }

    @Test
    void refusesMoreKedaReplicasThanPartitionsBecauseTheExtraOnesWouldIdle() {
        assertThatThrownBy(() -> Chart.render(Map.of("dispatcher.keda.enabled", true,
                "dispatcher.keda.maxReplicaCount", 12, "kafka.partitions", 6)))
                .hasMessageContaining("dispatcher.keda.maxReplicaCount: 12 (expected: <= kafka.partitions, 6");
    }

    @Test
    void theGatewayScalesOnCpuWithAHorizontalPodAutoscaler() {
        Map<String, Object> autoscaler = defaults.get("HorizontalPodAutoscaler", "clarion-gateway");

        assertThat(string(autoscaler, "spec", "scaleTargetRef", "name")).isEqualTo("clarion-gateway");
        assertThat(string(map(list(autoscaler, "spec", "metrics").get(0)), "resource", "name")).isEqualTo("cpu");
        assertThat(at(defaults.get("Deployment", "clarion-gateway"), "spec", "replicas")).isNull();
    }

    @Test
    void theSchemaIsMigratedOnceByAJobAndNeverByTheGateways(@TempDir Path work) {
        Manifests withHooks = Chart.renderWithHooks(null, work);
        Map<String, Object> job = map(list(withHooks.get("Job", "clarion-migrate"), "spec", "template", "spec",
                "containers").get(0));

        assertThat(list(job, "command")).contains("-Dloader.main=io.clarion.gateway.migration.SchemaMigration");
        assertThat(list(job, "env")).extracting(e -> string(e, "name"))
                .contains("SPRING_FLYWAY_URL", "SPRING_FLYWAY_USER", "SPRING_FLYWAY_PASSWORD");
        assertThat(string(withHooks.get("ConfigMap", "clarion-gateway"), "data", "SPRING_FLYWAY_ENABLED")).isEqualTo("false");
        assertThat(withHooks.find("Secret", "clarion-secrets")).as("the chart's Secret, a hook before the Job").isPresent();
    }
}
