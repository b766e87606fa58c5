package io.clarion.core.webhook;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a webhook may connect to an IP address and port (SSRF guard). Every special-purpose
 * range is refused: loopback, unspecified, private, link-local (cloud metadata at 169.254.169.254),
 * CGNAT, multicast, broadcast, reserved, benchmarking, IETF protocol, documentation, and the IPv6 forms
 * embedding such an IPv4 address (mapped, compatible, NAT64, 6to4) or tunnelling to one (Teredo).
 * An explicit allow-list of {@code CIDR}, {@code CIDR:port} or {@code [v6CIDR]:port} entries overrides
 * the refusal (e.g. {@code 127.0.0.1:8090} for a local sandbox). Pure: it judges bytes, it never
 * resolves a name; callers must judge the address they actually connect to.
 */
public final class AddressPolicy {
    private static final String ENTRY_FORMS = "CIDR, CIDR:port or [v6CIDR]:port, e.g. 10.0.0.0/8, 127.0.0.1:8090, [::1]:8090";

    private final List<AllowEntry> allowed;

    private AddressPolicy(List<AllowEntry> allowed) {
        this.allowed = allowed;
    }

    /** Refuses every special-purpose address, except those matching one of {@code entries}. */
    public static AddressPolicy allowing(List<String> entries) {
        requireNonNull(entries, "entries");
        return new AddressPolicy(entries.stream().map(AddressPolicy::entry).toList());
    }

    /**
     * The rule refusing a connection to {@code address} (4 or 16 bytes) on {@code port}, e.g.
     * {@code loopback} or {@code nat64/private}; empty when the webhook may connect there.
     */
    public Optional<String> refusal(byte[] address, int port) {
        requireNonNull(address, "address");
        Optional<String> range = forbiddenRange(address);
        if (range.isEmpty()) {
            return range;
        }
        byte[] canonical = unmapped(address);
        boolean allowListed = allowed.stream().anyMatch(entry -> entry.matches(canonical, port));
        return allowListed ? Optional.empty() : range;
    }

    /** The special-purpose range {@code address} lies in, empty for a public unicast address. */
    public static Optional<String> forbiddenRange(byte[] address) {
        requireNonNull(address, "address");
        return SpecialRanges.of(address);
    }

    private static byte[] unmapped(byte[] address) {
        boolean mapped = address.length == 16 && Arrays.equals(Arrays.copyOfRange(address, 0, 12),
                new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff});
        return mapped ? Arrays.copyOfRange(address, 12, 16) : address;
    }

    private static AllowEntry entry(String text) {
        requireNonNull(text, "entry");
        try {
            return AllowEntry.parse(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("allow entry '" + text + "': " + e.getMessage() + " (expected: " + ENTRY_FORMS + ")", e);
        }
    }

    @Override
    public String toString() {
        return "AddressPolicy{allowed=" + allowed + "}";
    }

    /** One allow-list entry; {@code port} is -1 for any port. */
    private record AllowEntry(Cidr cidr, int port, String text) {
        static AllowEntry parse(String text) {
            if (text.startsWith("[")) {
                int close = text.indexOf(']');
                if (close < 0) {
                    throw new IllegalArgumentException("misses ']'");
                }
                String rest = text.substring(close + 1);
                if (!rest.isEmpty() && !rest.startsWith(":")) {
                    throw new IllegalArgumentException("has '" + rest + "' after ']'");
                }
                return new AllowEntry(v6(text.substring(1, close)), rest.isEmpty() ? -1 : port(rest.substring(1)), text);
            }
            long colons = text.chars().filter(c -> c == ':').count();
            if (colons > 1) {
                return new AllowEntry(v6(text), -1, text);
            }
            if (colons == 1) {
                int colon = text.indexOf(':');
                return new AllowEntry(Cidr.of(text.substring(0, colon)), port(text.substring(colon + 1)), text);
            }
            return new AllowEntry(Cidr.of(text), -1, text);
        }

        boolean matches(byte[] address, int port) {
            return cidr.contains(address) && (this.port < 0 || this.port == port);
        }

        private static Cidr v6(String text) {
            if (!text.contains(":")) {
                throw new IllegalArgumentException("has no IPv6 address in brackets");
            }
            return Cidr.of(text);
        }

        private static int port(String text) {
            int port;
            try {
                port = text.startsWith("+") ? -1 : Integer.parseInt(text);
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("has port '" + text + "' (expected: 1..65535)");
            }
            return port;
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
