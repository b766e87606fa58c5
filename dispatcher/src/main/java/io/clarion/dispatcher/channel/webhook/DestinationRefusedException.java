package io.clarion.dispatcher.channel.webhook;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.InetSocketAddress;

/** A webhook connection refused before it was opened: the resolved address breaks the {@code AddressPolicy}. */
final class DestinationRefusedException extends IOException {
    private final String rule;

    DestinationRefusedException(InetSocketAddress address, String rule) {
        super("webhook destination " + address.getAddress().getHostAddress() + ":" + address.getPort()
                + " refused: " + requireNonNull(rule, "rule"), null);
        this.rule = rule;
    }

    /** The rule that refused it, e.g. {@code loopback} or {@code scheme}. */
    String rule() {
        return rule;
    }
}
