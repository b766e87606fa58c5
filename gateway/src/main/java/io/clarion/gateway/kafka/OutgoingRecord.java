package io.clarion.gateway.kafka;

import static java.util.Objects.requireNonNull;

/** One record to publish; {@code id} is the caller's handle to match acknowledgements. */
public record OutgoingRecord(long id, String topic, String key, String value) {
    public OutgoingRecord {
        requireNonNull(topic, "topic");
        requireNonNull(key, "key");
        requireNonNull(value, "value");
    }
}
