package io.clarion.core.webhook;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The special-purpose address ranges (IANA registries) a webhook must never reach, each named by its
 * rule. IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by the
 * IPv4 address inside; Teredo is refused outright (its IPv4 server and client are both tunnels).
 */
final class SpecialRanges {
    private record Rule(Cidr cidr, String name) {
    }

    private static final List<Rule> IPV4 = List.of(
            rule("0.0.0.0/8", "unspecified"), rule("10.0.0.0/8", "private"), rule("100.64.0.0/10", "cgnat"),
            rule("127.0.0.0/8", "loopback"), rule("169.254.0.0/16", "link-local"), rule("172.16.0.0/12", "private"),
            rule("192.0.0.0/24", "ietf-protocol"), rule("192.0.2.0/24", "documentation"),
            rule("192.88.99.0/24", "6to4-relay"), rule("192.168.0.0/16", "private"),
            rule("198.18.0.0/15", "benchmarking"), rule("198.51.100.0/24", "documentation"),
            rule("203.0.113.0/24", "documentation"), rule("224.0.0.0/4", "multicast"),
            rule("255.255.255.255/32", "broadcast"), rule("240.0.0.0/4", "reserved"));

    private static final List<Rule> IPV6 = List.of(
            rule("::/128", "unspecified"), rule("::1/128", "loopback"), rule("100::/64", "discard"),
            rule("2001::/32", "teredo"), rule("2001:2::/48", "benchmarking"), rule("2001:db8::/32", "documentation"),
            rule("3fff::/20", "documentation"), rule("fc00::/7", "private"), rule("fe80::/10", "link-local"),
            rule("fec0::/10", "site-local"), rule("ff00::/8", "multicast"));

    private static final Cidr MAPPED = Cidr.of("::ffff:0.0.0.0/96");
    private static final Cidr COMPATIBLE = Cidr.of("::/96");
    private static final Cidr NAT64 = Cidr.of("64:ff9b::/96");
    private static final Cidr NAT64_LOCAL = Cidr.of("64:ff9b:1::/48");
    private static final Cidr SIX_TO_FOUR = Cidr.of("2002::/16");

    private SpecialRanges() {
    }

    static Optional<String> of(byte[] address) {
        if (address.length == 4) {
            return first(IPV4, address);
        }
        if (address.length != 16) {
            throw new IllegalArgumentException("address: " + address.length + " bytes (expected: 4 or 16)");
        }
        Optional<String> direct = first(IPV6, address);
        if (direct.isPresent()) {
            return direct;
        }
        return embeddedIpv4(address);
    }

    private static Optional<String> embeddedIpv4(byte[] address) {
        byte[] last4 = Arrays.copyOfRange(address, 12, 16);
        if (MAPPED.contains(address)) {
            return via("ipv4-mapped", last4);
        }
        if (COMPATIBLE.contains(address)) {
            return via("ipv4-compatible", last4);
        }
        if (NAT64.contains(address)) {
            return via("nat64", last4);
        }
        if (NAT64_LOCAL.contains(address)) { // RFC 6052 /48 layout (bits 48..63 and 72..87) or a /96 tail
            byte[] rfc6052 = {address[6], address[7], address[9], address[10]};
            return isZero(rfc6052) ? via("nat64", last4) : via("nat64", rfc6052).or(() -> isZero(last4)
                    ? Optional.empty() : via("nat64", last4));
        }
        if (SIX_TO_FOUR.contains(address)) {
            return via("6to4", Arrays.copyOfRange(address, 2, 6));
        }
        return Optional.empty();
    }

    private static boolean isZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static Optional<String> via(String embedding, byte[] ipv4) {
        return first(IPV4, ipv4).map(rule -> embedding + "/" + rule);
    }

    private static Optional<String> first(List<Rule> rules, byte[] address) {
        return rules.stream().filter(rule -> rule.cidr().contains(address)).map(Rule::name).findFirst();
    }

    private static Rule rule(String cidr, String name) {
        return new Rule(Cidr.of(cidr), name);
    }
}
