package io.clarion.core.webhook;

import java.util.Arrays;

/** A network prefix over address bytes (4 for IPv4, 16 for IPv6). */
record Cidr(byte[] network, int bits) {

    static Cidr of(String text) {
        boolean v6 = text.contains(":");
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = (v6 ? IpLiteral.ipv6(address) : IpLiteral.ipv4(address)).orElseThrow(
                () -> new IllegalArgumentException("'" + address + "' is not an IP" + (v6 ? "v6" : "v4") + " address"));
        int max = bytes.length * 8;
        int bits = slash < 0 ? max : prefixLength(text.substring(slash + 1), max);
        Cidr cidr = new Cidr(bytes, bits);
        if (!cidr.contains(bytes) || !Arrays.equals(cidr.masked(bytes), bytes)) {
            throw new IllegalArgumentException("'" + text + "' has host bits set (expected: a network address for /" + bits + ")");
        }
        return cidr;
    }

    boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        return Arrays.equals(masked(address), masked(network));
    }

    private byte[] masked(byte[] address) {
        byte[] result = address.clone();
        for (int i = 0; i < result.length; i++) {
            int keep = Math.max(0, Math.min(8, bits - 8 * i));
            result[i] &= (byte) (0xff00 >>> keep);
        }
        return result;
    }

    private static int prefixLength(String text, int max) {
        int bits;
        try {
            bits = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            bits = -1;
        }
        if (bits < 0 || bits > max || text.startsWith("+")) {
            throw new IllegalArgumentException("prefix length: '" + text + "' (expected: 0.." + max + ")");
        }
        return bits;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr cidr && cidr.bits == bits && Arrays.equals(cidr.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + bits;
    }

    @Override
    public String toString() {
        return Arrays.toString(network) + "/" + bits;
    }
}
