package io.clarion.deploy.helm;

import static io.clarion.deploy.Yamls.map;
import static io.clarion.deploy.Yamls.string;
import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.deploy.RepositoryFiles;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The chart ships the dashboard and the alert rules of deploy/ unchanged: the dashboard as a ConfigMap the
 * Grafana sidecar picks up, the rules as a PrometheusRule behind {@code metrics.prometheusRule.enabled}.
 */
class MonitoringChartTest {
    private static final String DASHBOARD = "deploy/grafana/clarion.json";
    private static final String ALERTS = "deploy/prometheus/alerts.yml";

    @Test
    void theChartsCopiesOfTheDashboardAndTheAlertRulesAreTheOriginals() {
        assertThat(read("helm/clarion/files/grafana-dashboard.json")).as("cp " + DASHBOARD + " helm/clarion/files/grafana-dashboard.json")
                .isEqualTo(read(DASHBOARD));
        assertThat(read("helm/clarion/files/prometheus-alerts.yml")).as("cp " + ALERTS + " helm/clarion/files/prometheus-alerts.yml")
                .isEqualTo(read(ALERTS));
    }

    @Test
    void rendersTheDashboardAsAConfigMapForTheGrafanaSidecar() {
        Map<String, Object> configMap = Chart.render(Map.of()).get("ConfigMap", "clarion-grafana-dashboard");

        assertThat(map(configMap, "metadata", "labels")).containsEntry("grafana_dashboard", "1");
        assertThat(string(configMap, "data", "clarion.json")).isEqualTo(read(DASHBOARD).strip());
        assertThat(Chart.render(Map.of("metrics.grafanaDashboard.enabled", false)).find("ConfigMap",
                "clarion-grafana-dashboard")).isEmpty();
    }

    @Test
    void rendersThePrometheusRuleOnlyWhenEnabledWithTheRulesOfTheRuleFile() {
        assertThat(Chart.render(Map.of()).ofKind("PrometheusRule")).isEmpty();

        Map<String, Object> rule = Chart.render(Map.of("metrics.prometheusRule.enabled", true,
                "metrics.prometheusRule.labels.release", "kube-prometheus-stack")).get("PrometheusRule", "clarion");

        assertThat(string(rule, "apiVersion")).isEqualTo("monitoring.coreos.com/v1");
        assertThat(map(rule, "metadata", "labels")).containsEntry("release", "kube-prometheus-stack");
        assertThat(map(rule, "spec")).isEqualTo(RepositoryFiles.yaml(read(ALERTS)));
    }

    private static String read(String relative) {
        return RepositoryFiles.read(RepositoryFiles.resolve(relative));
    }
}
