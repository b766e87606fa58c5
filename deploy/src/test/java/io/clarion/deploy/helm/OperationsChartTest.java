package io.clarion.deploy.helm;

import static io.clarion.deploy.Yamls.at;
import static io.clarion.deploy.Yamls.list;
import static io.clarion.deploy.Yamls.map;
import static io.clarion.deploy.Yamls.string;
import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.deploy.ClarionApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the chart does for operations: actuator on management ports (never the API Service), a migration user
 * and a runtime user, Kafka security properties for every client, and optional NetworkPolicies.
 */
class OperationsChartTest {
    private static Manifests defaults;
    private static Manifests production;

    @BeforeAll
    static void render() {
        defaults = Chart.render(Map.of());
        production = Chart.render(Chart.PRODUCTION_VALUES);
    }

    @Test
    void theGatewayServesActuatorOnItsManagementPortAndTheApiServiceCarriesOnlyTheApi() {
        Object managementPort = ClarionApplication.GATEWAY.configurationFile().get("management.server.port");
        Map<String, Object> gateway = defaults.container("clarion-gateway");

        assertThat(string(defaults.get("ConfigMap", "clarion-gateway"), "data", "MANAGEMENT_SERVER_PORT"))
                .isEqualTo(String.valueOf(managementPort));
        assertThat(list(gateway, "ports")).anySatisfy(port -> {
            assertThat(string(port, "name")).isEqualTo("management");
            assertThat(at(port, "containerPort")).isEqualTo(managementPort);
        });
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            assertThat(string(gateway, probe, "httpGet", "port")).as(probe).isEqualTo("management");
        }
        assertThat(string(defaults.get("Deployment", "clarion-gateway"), "spec", "template", "metadata", "annotations",
                "prometheus.io/port")).isEqualTo(String.valueOf(managementPort));
        assertThat(list(defaults.get("Service", "clarion-gateway"), "spec", "ports"))
                .extracting(port -> string(port, "targetPort")).containsExactly("http");
        Map<String, Object> management = defaults.get("Service", "clarion-gateway-management");
        assertThat(string(management, "spec", "type")).isEqualTo("ClusterIP");
        assertThat(list(management, "spec", "ports")).extracting(port -> string(port, "targetPort"))
                .containsExactly("management");
    }

    @Test
    void theApplicationsLogInAsTheRuntimeUserAndOnlyTheMigrationAsTheOwner(@TempDir Path work) {
        Manifests withHooks = Chart.renderWithHooks(null, work);
        Map<String, Object> job = map(list(withHooks.get("Job", "clarion-migrate"), "spec", "template", "spec",
                "containers").get(0));

        assertThat(env(job, "SPRING_FLYWAY_USER")).containsEntry("value", "clarion");
        assertThat(string(env(job, "SPRING_FLYWAY_PASSWORD"), "valueFrom", "secretKeyRef", "key"))
                .isEqualTo("postgres-migration-password");
        for (String application : List.of("clarion-gateway", "clarion-dispatcher")) {
            assertThat(string(defaults.get("ConfigMap", application), "data", "SPRING_R2DBC_USERNAME")).as(application)
                    .isEqualTo("clarion_app");
            assertThat(string(env(defaults.container(application), "SPRING_R2DBC_PASSWORD"), "valueFrom", "secretKeyRef",
                    "key")).isEqualTo("postgres-password");
        }
        assertThat(map(withHooks.get("Secret", "clarion-secrets"), "data"))
                .containsKeys("postgres-password", "postgres-migration-password");
    }

    @Test
    void withoutTheJobEachGatewayMigratesAsTheMigrationUser() {
        Manifests render = Chart.render(Map.of("migration.enabled", false));

        assertThat(string(render.get("ConfigMap", "clarion-gateway"), "data", "SPRING_FLYWAY_USER")).isEqualTo("clarion");
        assertThat(string(env(render.container("clarion-gateway"), "SPRING_FLYWAY_PASSWORD"), "valueFrom",
                "secretKeyRef", "key")).isEqualTo("postgres-migration-password");
    }

    @Test
    void kafkaSecurityPropertiesReachBothApplicationsAndTheJaasConfigComesFromTheSecret() {
        for (String application : List.of("clarion-gateway", "clarion-dispatcher")) {
            assertThat(map(production.get("ConfigMap", application), "data")).as(application)
                    .containsEntry("CLARION_KAFKA_PROPERTIES_SECURITY_PROTOCOL", "SASL_SSL")
                    .containsEntry("CLARION_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512")
                    .doesNotContainKey("CLARION_KAFKA_PROPERTIES_SASL_JAAS_CONFIG");
            Map<String, Object> jaas = env(production.container(application), "CLARION_KAFKA_PROPERTIES_SASL_JAAS_CONFIG");
            assertThat(string(jaas, "valueFrom", "secretKeyRef", "name")).isEqualTo("clarion-production");
            assertThat(string(jaas, "valueFrom", "secretKeyRef", "key")).isEqualTo("kafka-sasl-jaas-config");
            assertThat(map(defaults.get("ConfigMap", application), "data").keySet())
                    .noneMatch(key -> key.startsWith("CLARION_KAFKA_PROPERTIES_"));
        }
    }

    @Test
    void networkPoliciesAreOffByDefault() {
        assertThat(defaults.ofKind("NetworkPolicy")).isEmpty();
    }

    @Test
    void theGatewayTakesApiTrafficFromAnyoneAndManagementTrafficOnlyFromMonitoring() {
        Map<String, Object> policy = production.get("NetworkPolicy", "clarion-gateway");
        List<Object> ingress = list(policy, "spec", "ingress");

        assertThat(map(policy, "spec", "podSelector", "matchLabels"))
                .isEqualTo(map(production.get("Deployment", "clarion-gateway"), "spec", "selector", "matchLabels"));
        assertThat(list(policy, "spec", "policyTypes")).containsExactly("Ingress");
        assertThat(ingress).hasSize(2);
        assertThat(string(map(list(ingress.get(0), "ports").get(0)), "port")).isEqualTo("http");
        assertThat(at(ingress.get(0), "from")).as("anyone").isNull();
        assertThat(string(map(list(ingress.get(1), "ports").get(0)), "port")).isEqualTo("management");
        assertMonitoringOnly(list(ingress.get(1), "from"));
    }

    @Test
    void dispatchersTakeTrafficOnlyOnTheManagementPortFromMonitoring() {
        Map<String, Object> policy = production.get("NetworkPolicy", "clarion-dispatcher");
        List<Object> ingress = list(policy, "spec", "ingress");

        assertThat(map(policy, "spec", "podSelector", "matchLabels"))
                .isEqualTo(map(production.get("Deployment", "clarion-dispatcher"), "spec", "selector", "matchLabels"));
        assertThat(ingress).hasSize(1);
        assertThat(list(ingress.get(0), "ports")).extracting(port -> string(port, "port")).containsExactly("management");
        assertMonitoringOnly(list(ingress.get(0), "from"));
    }

    @Test
    void apiSourcesAndEgressAreConfigurable(@TempDir Path work) throws IOException {
        Path values = Files.writeString(work.resolve("values.yaml"), """
                networkPolicy:
                  enabled: true
                  apiFrom:
                    - namespaceSelector:
                        matchLabels:
                          kubernetes.io/metadata.name: ingress-nginx
                  egress:
                    - to:
                        - ipBlock:
                            cidr: 10.0.0.0/8
                """);
        Manifests render = Chart.render(values);

        for (String application : List.of("clarion-gateway", "clarion-dispatcher")) {
            Map<String, Object> policy = render.get("NetworkPolicy", application);
            assertThat(list(policy, "spec", "policyTypes")).as(application).containsExactly("Ingress", "Egress");
            assertThat(string(map(list(policy, "spec", "egress").get(0)), "to")).contains("10.0.0.0/8");
        }
        List<Object> apiFrom = list(list(render.get("NetworkPolicy", "clarion-gateway"), "spec", "ingress").get(0), "from");
        assertThat(string(map(apiFrom.get(0)), "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name"))
                .isEqualTo("ingress-nginx");
    }

    private static void assertMonitoringOnly(List<Object> from) {
        assertThat(from).hasSize(1);
        assertThat(string(map(from.get(0)), "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name"))
                .isEqualTo("monitoring");
        assertThat(string(map(from.get(0)), "podSelector", "matchLabels", "app.kubernetes.io/name")).isEqualTo("prometheus");
    }

    private static Map<String, Object> env(Map<String, Object> container, String name) {
        return list(container, "env").stream().map(e -> map(e)).filter(e -> name.equals(e.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + list(container, "env")));
    }
}
