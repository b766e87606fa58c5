package io.clarion.deploy.helm;

import static io.clarion.deploy.Yamls.list;
import static io.clarion.deploy.Yamls.map;
import static io.clarion.deploy.Yamls.string;
import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.deploy.ClarionApplication.Setting;
import io.clarion.deploy.ClarionApplication;
import io.clarion.deploy.RepositoryFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chart wires every setting the applications read, and nothing they do not: each ConfigMap key and
 * environment variable is a setting of the application it is given to, every {@code clarion.*} setting
 * is wired (from the ConfigMap or, for secrets, from the Secret; a setting without a default, such as a
 * channel's sender, once it is given a value; provider credentials only from
 * {@code dispatcher.providerCredentialsSecret}), and the chart's defaults are the applications' defaults.
 */
class ChartSettingsTest {
    /** Endpoints differ on purpose: 127.0.0.1 is the application default, a Service name the chart's. */
    private static final Set<String> ENDPOINTS = Set.of("CLARION_KAFKA_BOOTSTRAPSERVERS", "CLARION_REDIS_URL");

    /** Provider credentials: never chart values, only variables of the provider credentials Secret. */
    private static final Set<String> CREDENTIALS = Set.of("CLARION_CHANNELS_EMAIL_ACCESSKEYID",
            "CLARION_CHANNELS_EMAIL_SECRETACCESSKEY", "CLARION_CHANNELS_SMS_AUTHTOKEN",
            "CLARION_CHANNELS_PUSH_FCM_PRIVATEKEY", "CLARION_CHANNELS_PUSH_APNS_PRIVATEKEY");

    private static Manifests defaults;
    private static Manifests production;
    private static Manifests sandboxChannels;

    @BeforeAll
    static void render() {
        defaults = Chart.render(Map.of());
        production = Chart.render(Chart.PRODUCTION_VALUES);
        sandboxChannels = Chart.render(Chart.SANDBOX_CHANNELS_VALUES);
    }

    @Test
    void everyVariableGivenToAnApplicationIsOneItReads() {
        for (Manifests render : List.of(defaults, production)) {
            for (ClarionApplication application : ClarionApplication.values()) {
                assertThat(environment(render, application)).as(application.name())
                        .filteredOn(variable -> !application.accepts(variable)).isEmpty();
            }
        }
    }

    @Test
    void everyClarionSettingWithADefaultIsWired() {
        for (Manifests render : List.of(defaults, production, sandboxChannels)) {
            for (ClarionApplication application : ClarionApplication.values()) {
                Set<String> withDefaults = new TreeSet<>();
                application.clarionSettings().values().stream().filter(setting -> setting.defaultValue() != null)
                        .forEach(setting -> withDefaults.add(setting.environmentVariable()));
                assertThat(environment(render, application)).as(application.name()).containsAll(withDefaults);
            }
        }
    }

    @Test
    void everyOtherClarionSettingIsWiredOnceItIsGiven() {
        for (ClarionApplication application : ClarionApplication.values()) {
            Set<String> wired = new TreeSet<>(CREDENTIALS);
            for (Manifests render : List.of(defaults, production, sandboxChannels)) {
                wired.addAll(environment(render, application));
            }
            assertThat(wired).as(application.name()).containsAll(application.clarionSettings().keySet());
        }
    }

    @Test
    void providerCredentialsComeFromTheirSecret() {
        Set<String> dispatcherSettings = ClarionApplication.DISPATCHER.clarionSettings().keySet();
        assertThat(dispatcherSettings).containsAll(CREDENTIALS);
        for (Manifests render : List.of(defaults, production, sandboxChannels)) {
            assertThat(environment(render, ClarionApplication.DISPATCHER)).doesNotContainAnyElementsOf(CREDENTIALS);
        }
        assertThat(list(production.container("clarion-dispatcher"), "envFrom"))
                .anySatisfy(source -> assertThat(string(source, "secretRef", "name"))
                        .isEqualTo("clarion-provider-credentials"));
    }

    @Test
    void theChartsDefaultsAreTheApplicationsDefaults() {
        for (ClarionApplication application : ClarionApplication.values()) {
            Map<String, Object> data = map(defaults.get("ConfigMap", deployment(application)), "data");
            for (Setting setting : application.clarionSettings().values()) {
                if (setting.defaultValue() == null || ENDPOINTS.contains(setting.environmentVariable())) {
                    continue;
                }
                assertThat(data.get(setting.environmentVariable())).as(setting.property())
                        .isEqualTo(setting.defaultValue());
            }
        }
    }

    @Test
    void eachApplicationListensWhereItsProbesAndServiceLook() {
        for (ClarionApplication application : ClarionApplication.values()) {
            String deployment = deployment(application);
            Object port = map(list(defaults.container(deployment), "ports").get(0)).get("containerPort");

            assertThat(string(defaults.get("ConfigMap", deployment), "data", "SERVER_PORT")).isEqualTo(String.valueOf(port));
            assertThat(port).as("the default of " + application + "'s own configuration file")
                    .isEqualTo(application.configurationFile().get("server.port"));
        }
    }

    @Test
    void valuesYamlDocumentsEveryValue() {
        List<String> lines = RepositoryFiles.read(Chart.DIRECTORY.resolve("values.yaml")).lines().toList();
        List<String> undocumented = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            boolean isKey = line.matches("\\s*[A-Za-z][A-Za-z0-9]*:.*");
            if (isKey && (i == 0 || !lines.get(i - 1).trim().startsWith("#"))) {
                undocumented.add((i + 1) + ": " + line.trim());
            }
        }

        assertThat(undocumented).as("keys of values.yaml without a comment line above them").isEmpty();
    }

    private static Set<String> environment(Manifests render, ClarionApplication application) {
        String deployment = deployment(application);
        Set<String> names = new TreeSet<>(map(render.get("ConfigMap", deployment), "data").keySet());
        list(render.container(deployment), "env").forEach(e -> names.add(string(e, "name")));
        return names;
    }

    private static String deployment(ClarionApplication application) {
        return "clarion-" + application.name().toLowerCase(Locale.ROOT);
    }
}
