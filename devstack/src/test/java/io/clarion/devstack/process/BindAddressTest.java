package io.clarion.devstack.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.devstack.sandbox.ProviderSandbox;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BindAddressTest {

    @Test
    void theLocalRunListensOnLoopbackUnlessToldOtherwise() {
        assertThat(BindAddress.from(name -> null)).isEqualTo("127.0.0.1");
        assertThat(BindAddress.from(Map.of("CLARION_BIND_ADDRESS", " ")::get)).isEqualTo("127.0.0.1");
        assertThat(BindAddress.from(Map.of("CLARION_BIND_ADDRESS", "0.0.0.0")::get)).isEqualTo("0.0.0.0");
    }

    @Test
    void aUrlOfAServerOnEveryInterfaceUsesLoopbackAndAnIpv6AddressIsBracketed() {
        assertThat(BindAddress.urlHost("0.0.0.0")).isEqualTo("127.0.0.1");
        assertThat(BindAddress.urlHost("::")).isEqualTo("127.0.0.1");
        assertThat(BindAddress.urlHost(null)).isEqualTo("127.0.0.1");
        assertThat(BindAddress.urlHost("192.168.1.20")).isEqualTo("192.168.1.20");
        assertThat(BindAddress.urlHost("::1")).isEqualTo("[::1]");
    }

    @Test
    void aSandboxOnEveryInterfaceIsStillReachedThroughLoopback() {
        try (ProviderSandbox sandbox = ProviderSandbox.start("0.0.0.0", 0, 0)) {
            assertThat(sandbox.baseUrl()).isEqualTo("http://127.0.0.1:" + sandbox.port());
        }
    }
}
