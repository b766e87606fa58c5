package io.clarion.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressPolicyTest {
    private final AddressPolicy strict = AddressPolicy.allowing(List.of());

    @ParameterizedTest(name = "{0} is refused as {1}")
    @CsvSource({
            "127.0.0.1, loopback", "127.255.255.254, loopback", "::1, loopback",
            "0.0.0.0, unspecified", "0.1.2.3, unspecified", "::, unspecified",
            "10.0.0.1, private", "172.16.0.1, private", "172.31.255.255, private", "192.168.1.1, private",
            "fc00::1, private", "fdff:ffff::1, private",
            "169.254.169.254, link-local", "169.254.0.1, link-local", "fe80::1, link-local", "febf::1, link-local",
            "100.64.0.1, cgnat", "100.127.255.255, cgnat",
            "224.0.0.1, multicast", "239.255.255.250, multicast", "ff02::1, multicast",
            "255.255.255.255, broadcast", "240.0.0.1, reserved", "254.1.1.1, reserved",
            "198.18.0.1, benchmarking", "198.19.255.255, benchmarking", "2001:2::1, benchmarking",
            "192.0.0.8, ietf-protocol",
            "192.0.2.1, documentation", "198.51.100.7, documentation", "203.0.113.9, documentation",
            "2001:db8::1, documentation",
            "::ffff:127.0.0.1, ipv4-mapped/loopback", "::ffff:169.254.169.254, ipv4-mapped/link-local",
            "::ffff:10.1.2.3, ipv4-mapped/private",
            "::127.0.0.1, ipv4-compatible/loopback", "::10.0.0.1, ipv4-compatible/private",
            "64:ff9b::127.0.0.1, nat64/loopback", "64:ff9b::a9fe:a9fe, nat64/link-local",
            "64:ff9b:1::10.0.0.1, nat64/private", "64:ff9b:1:7f00:0:100::, nat64/loopback",
            "2002:7f00:1::1, 6to4/loopback", "2002:a00:1::, 6to4/private", "2002:c0a8:101::1, 6to4/private",
            "2001:0:4136:e378:8000:63bf:3fff:fdd2, teredo", "2001::1, teredo"})
    void refusesSpecialPurposeAddresses(String address, String rule) {
        assertThat(strict.refusal(bytes(address), 443)).contains(rule);
    }

    @ParameterizedTest(name = "{0} is allowed")
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "192.169.0.1",
            "2606:4700::1111", "2a00:1450:4001:82a::200e", "::ffff:93.184.216.34", "64:ff9b::93.184.216.34",
            "2002:5db8:d822::1"})
    void allowsPublicUnicastAddresses(String address) {
        assertThat(strict.refusal(bytes(address), 443)).isEmpty();
    }

    @Test
    void anAllowListEntryWithAPortAllowsOnlyThatPort() {
        AddressPolicy policy = AddressPolicy.allowing(List.of("127.0.0.1:8090", "[::1]:9000"));

        assertThat(policy.refusal(bytes("127.0.0.1"), 8090)).isEmpty();
        assertThat(policy.refusal(bytes("::ffff:127.0.0.1"), 8090)).as("the same address, IPv4-mapped").isEmpty();
        assertThat(policy.refusal(bytes("127.0.0.1"), 8091)).contains("loopback");
        assertThat(policy.refusal(bytes("127.0.0.2"), 8090)).contains("loopback");
        assertThat(policy.refusal(bytes("::1"), 9000)).isEmpty();
        assertThat(policy.refusal(bytes("::1"), 8090)).contains("loopback");
    }

    @Test
    void anAllowListEntryWithoutAPortAllowsTheWholeRangeOnEveryPort() {
        AddressPolicy policy = AddressPolicy.allowing(List.of("10.0.0.0/8", "fd00::/8", "192.168.1.7"));

        assertThat(policy.refusal(bytes("10.20.30.40"), 1)).isEmpty();
        assertThat(policy.refusal(bytes("10.20.30.40"), 65_535)).isEmpty();
        assertThat(policy.refusal(bytes("fd12::1"), 443)).isEmpty();
        assertThat(policy.refusal(bytes("192.168.1.7"), 80)).isEmpty();
        assertThat(policy.refusal(bytes("192.168.1.8"), 80)).contains("private");
        assertThat(policy.refusal(bytes("172.16.0.1"), 80)).contains("private");
    }

    @ParameterizedTest(name = "''{0}'' is rejected")
    @ValueSource(strings = {"", "localhost", "10.0.0.1/8", "10.0.0.0/33", "10.0.0.0/-1", "127.0.0.1:0",
            "127.0.0.1:65536", "127.0.0.1:http", "[::1", "[::1]8090", "[127.0.0.1]:80", "::1/129", "1.2.3",
            "01.2.3.4", "[fe80::1%eth0]:80", "2001:db8::/16"})
    void rejectsMalformedAllowListEntriesWithAClearMessage(String entry) {
        assertThatIllegalArgumentException().isThrownBy(() -> AddressPolicy.allowing(List.of(entry)))
                .withMessageStartingWith("allow entry '" + entry + "': ")
                .withMessageContaining("(expected: CIDR, CIDR:port or [v6CIDR]:port");
    }

    @ParameterizedTest(name = "{0} reads as {1}")
    @CsvSource({"2130706433, 127.0.0.1", "0177.0.0.1, 127.0.0.1", "0x7f.0.0.1, 127.0.0.1", "127.1, 127.0.0.1",
            "0x7f000001, 127.0.0.1", "017700000001, 127.0.0.1", "127.0.0.1., 127.0.0.1", "10.1, 10.0.0.1",
            "169.254.43518, 169.254.169.254", "0, 0.0.0.0"})
    void readsLegacyNumericHostsTheWayTheOsResolverDoes(String host, String address) {
        assertThat(IpLiteral.numericHost(host)).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes(address)));
    }

    @ParameterizedTest(name = "{0} is a name")
    @ValueSource(strings = {"localhost", "example.com", "1.2.3.4.5", "08.0.0.1", "0x.1", "256.1.1.1", "4294967296",
            "1.2.3.example", "", "a.b"})
    void hostNamesAreNotNumericHosts(String host) {
        assertThat(IpLiteral.numericHost(host)).isEmpty();
    }

    private static byte[] bytes(String address) {
        return (address.contains(":") ? IpLiteral.ipv6(address) : IpLiteral.ipv4(address)).orElseThrow();
    }
}
