package io.clarion.core.webhook;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Parses IP address text into bytes without any name lookup: strict dotted-quad IPv4, IPv6 (with
 * {@code ::} and a dotted IPv4 tail), and the legacy numeric host forms that C resolvers
 * ({@code inet_aton}) accept: {@code 2130706433}, {@code 0177.0.0.1}, {@code 0x7f.0.0.1}, {@code 127.1}.
 */
public final class IpLiteral {
    private IpLiteral() {
    }

    /** Strict dotted-quad IPv4: four decimal parts 0..255, no leading zeros. */
    public static Optional<byte[]> ipv4(String text) {
        requireNonNull(text, "text");
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || !isDigits(part) || (part.length() > 1 && part.charAt(0) == '0')) {
                return Optional.empty();
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) value;
        }
        return Optional.of(bytes);
    }

    /** IPv6 text (no brackets, no zone id): eight groups, one {@code ::} at most, optional dotted IPv4 tail. */
    public static Optional<byte[]> ipv6(String text) {
        requireNonNull(text, "text");
        int gap = text.indexOf("::");
        if (gap != text.lastIndexOf("::") || text.contains(":::")) {
            return Optional.empty();
        }
        String head = gap < 0 ? text : text.substring(0, gap);
        String tail = gap < 0 ? "" : text.substring(gap + 2);
        byte[] headBytes = groups(head, gap < 0);
        byte[] tailBytes = groups(tail, true);
        if (headBytes == null || tailBytes == null) {
            return Optional.empty();
        }
        int total = headBytes.length + tailBytes.length;
        if (gap < 0 ? total != 16 : total > 14) {
            return Optional.empty();
        }
        byte[] bytes = new byte[16];
        System.arraycopy(headBytes, 0, bytes, 0, headBytes.length);
        System.arraycopy(tailBytes, 0, bytes, 16 - tailBytes.length, tailBytes.length);
        return Optional.of(bytes);
    }

    /**
     * A host name made only of numbers, read the way {@code inet_aton} reads it (what the OS resolver
     * connects to): one to four parts, each decimal, octal (leading {@code 0}) or hex ({@code 0x}); the
     * last part fills the remaining bytes. One trailing dot is ignored. Empty when the host is a name.
     */
    public static Optional<byte[]> numericHost(String host) {
        requireNonNull(host, "host");
        String text = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String[] parts = text.split("\\.", -1);
        if (parts.length > 4) {
            return Optional.empty();
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Long value = number(parts[i]);
            if (value == null) {
                return Optional.empty();
            }
            values[i] = value;
        }
        return Optional.ofNullable(inetAton(values));
    }

    private static byte[] inetAton(long[] values) {
        int last = values.length - 1;
        long address = 0;
        for (int i = 0; i < last; i++) {
            if (values[i] > 255) {
                return null;
            }
            address |= values[i] << (8 * (3 - i));
        }
        long lastMax = (1L << (8 * (4 - last))) - 1;
        if (values[last] > lastMax) {
            return null;
        }
        address |= values[last];
        return new byte[] {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
    }

    private static Long number(String part) {
        try {
            if (part.length() > 2 && (part.startsWith("0x") || part.startsWith("0X"))) {
                return isHex(part.substring(2)) && part.length() <= 10 ? Long.parseLong(part.substring(2), 16) : null;
            }
            if (!isDigits(part) || part.isEmpty() || part.length() > 12) {
                return null;
            }
            return part.length() > 1 && part.charAt(0) == '0' ? Long.parseLong(part.substring(1), 8) : Long.parseLong(part);
        } catch (NumberFormatException e) { // octal with 8 or 9: not a number, so a name
            return null;
        }
    }

    private static byte[] groups(String text, boolean allowIpv4Tail) {
        if (text.isEmpty()) {
            return new byte[0];
        }
        String[] groups = text.split(":", -1);
        byte[] bytes = new byte[groups.length * 2 + 2];
        int length = 0;
        for (int i = 0; i < groups.length; i++) {
            String group = groups[i];
            if (i == groups.length - 1 && allowIpv4Tail && group.contains(".")) {
                byte[] ipv4 = ipv4(group).orElse(null);
                if (ipv4 == null) {
                    return null;
                }
                System.arraycopy(ipv4, 0, bytes, length, 4);
                length += 4;
            } else if (group.isEmpty() || group.length() > 4 || !isHex(group)) {
                return null;
            } else {
                int value = Integer.parseInt(group, 16);
                bytes[length++] = (byte) (value >>> 8);
                bytes[length++] = (byte) value;
            }
        }
        return java.util.Arrays.copyOf(bytes, length);
    }

    private static boolean isDigits(String text) {
        return text.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static boolean isHex(String text) {
        return !text.isEmpty() && text.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 128);
    }
}
