package io.clarion.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clarion.devstack.DevStack;
import io.clarion.devstack.DevStackExtension;
import io.clarion.devstack.Namespace;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Revocation across gateways and restarts, on real gateways over real PostgreSQL: a key revoked on one
 * gateway is refused by another within its cache TTL, and a revoked bootstrap key is not re-enabled by a
 * restart that configures it again.
 */
@ExtendWith(DevStackExtension.class)
class KeyRevocationTest {
    private static DevStack stack;

    @BeforeAll
    static void start(DevStack devStack) {
        stack = devStack;
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRevokedBootstrapKeyStaysRevokedAcrossARestart() {
        Namespace own = stack.newNamespace("bootstrap");
        String operatorKey;
        try (Engine first = Engine.gatewayOnly(stack, own, 0, "boot-key", Map.of())) {
            Api boot = new Api(first.gatewayUrl(), "boot-key");
            var created = boot.post("/v1/admin/api-keys", Map.of("name", "ops", "scopes", List.of("operator", "admin")));
            operatorKey = (String) created.json().get("key");
            Api ops = new Api(first.gatewayUrl(), operatorKey);
            var keys = (List<Map<String, Object>>) ops.get("/v1/admin/api-keys").json().get("keys");
            String bootstrapId = keys.stream().filter(k -> "bootstrap".equals(k.get("name")))
                    .map(k -> (String) k.get("id")).findFirst().orElseThrow();
            assertThat(ops.delete("/v1/admin/api-keys/" + bootstrapId).status()).isEqualTo(204);
            assertThat(boot.get("/v1/admin/api-keys").status()).isEqualTo(401);
        }
        try (Engine second = Engine.gatewayOnly(stack, own, 0, "boot-key", Map.of())) {
            assertThat(new Api(second.gatewayUrl(), "boot-key").get("/v1/admin/api-keys").status())
                    .as("the bootstrap key is not re-enabled by a restart").isEqualTo(401);
            assertThat(new Api(second.gatewayUrl(), operatorKey).get("/v1/admin/api-keys").status()).isEqualTo(200);
        }
    }

    @Test
    void aKeyRevokedOnOneGatewayIsRefusedByAnotherWithinItsCacheTtl() {
        Namespace own = stack.newNamespace("revocation");
        Map<String, Object> shortCache = Map.of("clarion.auth.cache-ttl", "1s");
        try (Engine one = Engine.gatewayOnly(stack, own, 0, "revoker-key", shortCache);
             Engine other = Engine.gatewayOnly(stack, own, 0, "revoker-key", shortCache)) {
            Api admin = new Api(one.gatewayUrl(), "revoker-key");
            var created = admin.post("/v1/admin/api-keys", Map.of("name", "tool", "scopes", List.of("read")));
            String id = (String) created.json().get("id");
            Api onOther = new Api(other.gatewayUrl(), (String) created.json().get("key"));
            assertThat(onOther.get("/v1/incidents/none").status()).as("known to the other gateway").isEqualTo(404);

            assertThat(admin.delete("/v1/admin/api-keys/" + id).status()).isEqualTo(204);

            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> assertThat(onOther.get("/v1/incidents/none").status()).isEqualTo(401));
        }
    }

}
