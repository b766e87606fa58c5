package io.clarion.dispatcher.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CommitSequencerTest {
    private final List<String> commits = new CopyOnWriteArrayList<>();
    private final List<Boolean> pauses = new CopyOnWriteArrayList<>();
    private final CommitSequencer sequencer = new CommitSequencer(4, pauses::add);

    @Test
    void acknowledgementsInAnyOrderCommitOnlyTheDoneRunAtTheHeadOfEachPartition() {
        Runnable p0o10 = track(0, 10);
        Runnable p0o11 = track(0, 11);
        Runnable p0o12 = track(0, 12);
        Runnable p1o7 = track(1, 7);

        p0o12.run();
        p0o11.run();
        assertThat(commits).isEmpty();

        p1o7.run();
        assertThat(commits).containsExactly("1@7");

        p0o10.run();
        assertThat(commits).containsExactly("1@7", "0@12");
        assertThat(sequencer.pending()).isZero();
    }

    @Test
    void aSecondAcknowledgementOfTheSameRecordCommitsNothingMore() {
        Runnable first = track(0, 1);
        Runnable second = track(0, 2);
        first.run();
        first.run();

        assertThat(commits).containsExactly("0@1");
        assertThat(sequencer.pending()).isEqualTo(1);

        second.run();
        assertThat(commits).containsExactly("0@1", "0@2");
    }

    @Test
    void theConsumerPausesPastTheBoundAndResumesAtHalfOfIt() {
        List<Runnable> acks = IntStream.range(0, 5).mapToObj(offset -> track(0, offset)).toList();
        assertThat(pauses).containsExactly(true);

        acks.get(4).run();
        acks.get(3).run();
        acks.get(2).run();
        assertThat(pauses).containsExactly(true);
        assertThat(sequencer.pending()).isEqualTo(5);

        acks.get(0).run();
        assertThat(pauses).containsExactly(true);
        acks.get(1).run();
        assertThat(pauses).containsExactly(true, false);
        assertThat(commits).containsExactly("0@0", "0@4");
    }

    /**
     * A pause decided just before a resume must not be applied after it: the consumer would stay paused for ever
     * while the sequencer believes it running. The pause callback here is slow (as a hop to the consumer thread is).
     */
    @Test
    void aSlowPauseOvertakenByAResumeLeavesTheConsumerRunning() throws InterruptedException {
        CountDownLatch pausing = new CountDownLatch(1);
        CountDownLatch letPauseFinish = new CountDownLatch(1);
        AtomicReference<Boolean> applied = new AtomicReference<>(false);
        CommitSequencer slow = new CommitSequencer(4, pause -> {
            if (pause) {
                pausing.countDown();
                await(letPauseFinish);
            }
            applied.set(pause);
        });
        List<Runnable> acks = new CopyOnWriteArrayList<>();
        IntStream.range(0, 4).forEach(offset -> acks.add(slow.track(0, () -> { })));

        Thread pauser = new Thread(() -> acks.add(slow.track(0, () -> { })));
        pauser.start();
        assertThat(pausing.await(5, TimeUnit.SECONDS)).isTrue();
        Thread resumer = new Thread(() -> acks.forEach(Runnable::run));
        resumer.start();
        resumer.join(300);
        letPauseFinish.countDown();
        pauser.join();
        resumer.join();
        acks.forEach(Runnable::run);

        assertThat(slow.pending()).isZero();
        assertThat(applied.get()).as("the consumer is paused").isFalse();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void newlyAssignedPartitionsArePausedToo() {
        sequencer.assigned();
        assertThat(pauses).isEmpty();

        IntStream.range(0, 5).forEach(offset -> track(0, offset));
        sequencer.assigned();

        assertThat(pauses).containsExactly(true, true);
    }

    @Test
    void aRevokedPartitionIsForgottenAndItsLateAcknowledgementsCommitNothing() {
        Runnable revoked = track(3, 40);
        Runnable kept = track(4, 9);

        sequencer.revoked(List.of(3));
        revoked.run();
        kept.run();

        assertThat(commits).containsExactly("4@9");
        assertThat(sequencer.pending()).isZero();

        track(3, 38).run();
        assertThat(commits).containsExactly("4@9", "3@38");
    }

    @Test
    void concurrentAcknowledgementsCommitEachPartitionInOffsetOrderUpToItsLastRecord() throws InterruptedException {
        CommitSequencer big = new CommitSequencer(1_000_000, pause -> { });
        var committed = new ConcurrentHashMap<Integer, List<Long>>();
        List<Runnable> acks = new ArrayList<>();
        for (long offset = 0; offset < 20_000; offset++) {
            for (int partition = 0; partition < 3; partition++) {
                int p = partition;
                long o = offset;
                acks.add(big.track(p, () -> committed.computeIfAbsent(p, x -> new CopyOnWriteArrayList<>()).add(o)));
            }
        }
        Collections.shuffle(acks, new java.util.Random(7));

        List<Thread> threads = IntStream.range(0, 4).mapToObj(t -> new Thread(() -> {
            for (int i = t; i < acks.size(); i += 4) {
                acks.get(i).run();
            }
        })).toList();
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(big.pending()).isZero();
        for (int partition = 0; partition < 3; partition++) {
            List<Long> offsets = committed.get(partition);
            assertThat(offsets).isSorted().doesNotHaveDuplicates();
            assertThat(offsets.get(offsets.size() - 1)).isEqualTo(19_999L);
        }
    }

    @Test
    void aBoundBelowTwoIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new CommitSequencer(1, pause -> { }))
                .withMessage("maxPending: 1 (expected: >= 2)");
    }

    private Runnable track(int partition, long offset) {
        return sequencer.track(partition, () -> commits.add(partition + "@" + offset));
    }
}
