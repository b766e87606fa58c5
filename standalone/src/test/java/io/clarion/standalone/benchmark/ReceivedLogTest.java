package io.clarion.standalone.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.devstack.sandbox.SandboxMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ReceivedLogTest {
    private static final Instant SUBMITTED = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void figuresPerUpdateAndChannelMatchThoseOfTheMessagesThemselves() {
        ReceivedLog log = new ReceivedLog();
        List<SandboxMessage> emails = IntStream.range(0, 1_000)
                .mapToObj(i -> message("email", "r-" + i, "INC-1", 2, 10 + i)).toList();
        emails.parallelStream().forEach(log);
        log.accept(message("email", "r-7", "INC-1", 2, 5_000)); // a duplicate, the latest arrival
        log.accept(message("webhook", "r-1", "INC-1", 2, 1));
        log.accept(message("email", "r-1", "INC-1", 1, 1)); // another version
        log.accept(message("email", "r-1", "INC-2", 2, 1)); // another incident

        DeliveryFigures email = log.figures("INC-1", 2, List.of("email"), SUBMITTED);

        assertThat(email.received()).isEqualTo(1_001);
        assertThat(email.distinct()).isEqualTo(1_000);
        assertThat(email.duplicates()).isEqualTo(1);
        assertThat(email.firstMs()).isEqualTo(10.0);
        assertThat(email.lastMs()).isEqualTo(5_000.0);
        assertThat(email.p50Ms()).isEqualTo(DeliveryFigures.of(
                Stream.concat(emails.stream(), Stream.of(
                        message("email", "r-7", "INC-1", 2, 5_000))).toList(), SUBMITTED).p50Ms());
        assertThat(log.figures("INC-1", 2, List.of("email", "webhook"), SUBMITTED).received()).isEqualTo(1_002);
        assertThat(log.figures("INC-1", 1, List.of("email"), SUBMITTED).received()).isEqualTo(1);
        assertThat(log.figures("INC-3", 1, List.of("email"), SUBMITTED).received()).isZero();
    }

    private static SandboxMessage message(String channel, String recipient, String incident, long version,
                                          long afterMillis) {
        return new SandboxMessage(channel, recipient, incident, version, "m-" + recipient,
                SUBMITTED.plusMillis(afterMillis), "/", Map.of(), "");
    }
}
