package io.clarion.dispatcher.kafka;

import static java.util.Objects.requireNonNull;

/**
 * A consumed record and the handle that marks it done. Call {@link #acknowledge()} only once the
 * record's outcome is durable: offsets are committed up to the oldest unacknowledged record of each
 * partition, whatever order records are acknowledged in.
 */
public record InboundRecord(String key, String value, int partition, long offset, Runnable acknowledgement) {
    public InboundRecord {
        requireNonNull(value, "value");
        requireNonNull(acknowledgement, "acknowledgement");
    }

    public void acknowledge() {
        acknowledgement.run();
    }

    @Override
    public String toString() {
        return "InboundRecord[partition=" + partition + ", offset=" + offset + ", key=" + key + "]";
    }
}
