package io.clarion.devstack.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxMainTest {

    @Test
    void listensOnAllInterfacesAndPort8090ByDefault() {
        Map<String, String> environment = Map.of();

        assertThat(SandboxMain.host(environment::get)).isEqualTo("0.0.0.0");
        assertThat(SandboxMain.port(environment::get)).isEqualTo(8090);
    }

    @Test
    void keepsTheNewestHundredThousandMessagesUnlessTheEnvironmentSaysOtherwise() {
        assertThat(SandboxMain.keep(Map.<String, String>of()::get)).isEqualTo(100_000);
        assertThat(SandboxMain.keep(Map.of("CLARION_SANDBOX_KEEP", "0")::get)).isZero();
        assertThat(SandboxMain.keep(Map.of("CLARION_SANDBOX_KEEP", " 2500 ")::get)).isEqualTo(2_500);
        assertThatIllegalArgumentException().isThrownBy(() -> SandboxMain.keep(Map.of("CLARION_SANDBOX_KEEP", "-1")::get))
                .withMessage("CLARION_SANDBOX_KEEP: -1 (expected: a count >= 0, 0 for all)");
    }

    @Test
    void hostAndPortComeFromTheEnvironment() {
        Map<String, String> environment = Map.of("CLARION_SANDBOX_HOST", "127.0.0.1", "CLARION_SANDBOX_PORT", " 9000 ");

        assertThat(SandboxMain.host(environment::get)).isEqualTo("127.0.0.1");
        assertThat(SandboxMain.port(environment::get)).isEqualTo(9000);
    }

    @Test
    void aPortThatIsNotANumberIsRefusedWithTheVariableName() {
        Map<String, String> environment = Map.of("CLARION_SANDBOX_PORT", "http");

        assertThatIllegalArgumentException().isThrownBy(() -> SandboxMain.port(environment::get))
                .withMessage("CLARION_SANDBOX_PORT: http (expected: a port number)");
    }
}
