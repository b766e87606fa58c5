package io.clarion.devstack.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InboxTest {

    @Test
    void hundredThousandMessagesFromConcurrentSendersAreAllKeptAndCounted() {
        Inbox inbox = new Inbox();

        IntStream.range(0, 100_000).parallel().forEach(i -> inbox.add(webhook("r-" + (i % 100), i)));

        assertThat(inbox.messages()).hasSize(100_000);
        assertThat(inbox.messages(new MessageFilter("webhook", "r-7", null))).hasSize(1_000);
        assertThat(inbox.counts()).containsEntry("webhook", 100_000L).containsEntry("email", 0L);
    }

    @Test
    void messagesKeepArrivalOrder() {
        Inbox inbox = new Inbox();
        IntStream.range(0, 1_000).forEach(i -> inbox.add(webhook("r", i)));

        assertThat(inbox.messages()).extracting(SandboxMessage::version)
                .containsExactlyElementsOf(IntStream.range(0, 1_000).mapToObj(Long::valueOf).toList());
    }

    @Test
    void aBoundedInboxKeepsTheNewestMessagesButCountsEveryOne() {
        Inbox inbox = new Inbox(100);

        IntStream.range(0, 1_000).forEach(i -> inbox.add(webhook("r", i)));

        assertThat(inbox.messages()).extracting(SandboxMessage::version)
                .containsExactlyElementsOf(IntStream.range(900, 1_000).mapToObj(Long::valueOf).toList());
        assertThat(inbox.counts()).containsEntry("webhook", 1_000L);
    }

    @Test
    void anObserverSeesEveryMessageAddedAfterItEvenThoseABoundedInboxDrops() {
        Inbox inbox = new Inbox(10);
        inbox.add(webhook("before", 0));
        List<SandboxMessage> seen = Collections.synchronizedList(new ArrayList<>());

        inbox.observe(seen::add);
        IntStream.range(1, 1_001).parallel().forEach(i -> inbox.add(webhook("r-" + i, i)));

        assertThat(seen).hasSize(1_000).extracting(SandboxMessage::version)
                .containsExactlyInAnyOrderElementsOf(IntStream.range(1, 1_001).mapToObj(Long::valueOf).toList());
        assertThat(inbox.messages()).hasSize(10);
    }

    @Test
    void aNegativeBoundIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Inbox(-1))
                .withMessage("keep: -1 (expected: >= 0, 0 for all)");
    }

    @Test
    void clearEmptiesMessagesAndResetsCounts() {
        Inbox inbox = new Inbox();
        inbox.add(webhook("r", 1));

        inbox.clear();

        assertThat(inbox.messages()).isEmpty();
        assertThat(inbox.counts()).containsEntry("webhook", 0L);
    }

    private static SandboxMessage webhook(String recipient, long version) {
        return new SandboxMessage("webhook", recipient, "INC-1", version, "id-" + version, Instant.now(),
                "/webhooks/" + recipient, Map.of(), "{}");
    }
}
