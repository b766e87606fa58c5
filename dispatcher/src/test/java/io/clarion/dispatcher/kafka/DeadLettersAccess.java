package io.clarion.dispatcher.kafka;

/** Builds {@link DeadLetters} for tests of other packages (its constructor is package-private). */
public final class DeadLettersAccess {
    private DeadLettersAccess() {
    }

    public static DeadLetters create(RecordStreams streams, KafkaProperties kafka) {
        return new DeadLetters(streams, kafka, KafkaMetrics.unread());
    }
}
