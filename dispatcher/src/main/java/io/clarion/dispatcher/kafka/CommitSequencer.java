package io.clarion.dispatcher.kafka;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Turns acknowledgements in any order into commits in offset order. Records of a partition are tracked
 * in the order they were consumed; when one is acknowledged, every record at the head of its partition
 * that is done is retired and only the last of them is passed on ({@link Commit#acknowledge()}), so no
 * offset is ever committed past a record still in flight. This costs one small object and two short
 * locks per record, where reactor-kafka's own out-of-order commits keep sorted sets of every offset.
 *
 * <p>While more than {@code maxPending} records are tracked (in flight, or done behind one that is not),
 * it asks for the consumer to pause, and to resume once they are down to half: a record stuck at the head
 * of a partition cannot let the consumer run ahead without bound. A revoked partition is forgotten:
 * acknowledgements of its records still in flight then commit nothing, since the partition is not ours.
 * Pausing is level-triggered: whoever changes the paused state applies it while holding the state's lock,
 * so a pause decided before a resume can never be applied after it (which would leave the consumer paused
 * for ever while the sequencer believes it running).
 */
final class CommitSequencer {

    /** What a tracked record's acknowledgement finally commits: everything up to and including it. */
    interface Commit {
        void acknowledge();
    }

    private final int maxPending;
    private final Consumer<Boolean> pause;
    private final Map<Integer, Partition> partitions = new ConcurrentHashMap<>();
    private final AtomicInteger pending = new AtomicInteger();
    /** Guards {@link #paused} and the calls that apply it, so they reach {@code pause} in the order decided. */
    private final Object pauseLock = new Object();
    private boolean paused;

    /** @param pause called with {@code true} to pause the consumer, {@code false} to resume it */
    CommitSequencer(int maxPending, Consumer<Boolean> pause) {
        if (maxPending < 2) {
            throw new IllegalArgumentException("maxPending: " + maxPending + " (expected: >= 2)");
        }
        this.maxPending = maxPending;
        this.pause = requireNonNull(pause, "pause");
    }

    /**
     * Tracks a record consumed from {@code partition}; records of one partition must be tracked in offset
     * order. Answers what acknowledges it: idempotent, and safe from any thread.
     */
    Runnable track(int partition, Commit commit) {
        requireNonNull(commit, "commit");
        Partition sequence = partitions.computeIfAbsent(partition, p -> new Partition());
        Slot slot = sequence.add(commit);
        pending.incrementAndGet();
        applyLevel();
        return () -> done(sequence, slot);
    }

    /** Partitions were assigned: while paused, they must be paused too (a new assignment starts unpaused). */
    void assigned() {
        synchronized (pauseLock) {
            if (paused) {
                pause.accept(true);
            }
        }
    }

    /** Whether the consumer should be paused now. */
    boolean paused() {
        synchronized (pauseLock) {
            return paused;
        }
    }

    /** Forgets the partitions given back in a rebalance; their records still in flight commit nothing. */
    void revoked(Collection<Integer> revoked) {
        revoked.forEach(partition -> {
            Partition sequence = partitions.remove(partition);
            if (sequence != null) {
                release(sequence.forget());
            }
        });
    }

    /** Records tracked and not yet committable. */
    int pending() {
        return pending.get();
    }

    private void done(Partition sequence, Slot slot) {
        release(sequence.done(slot));
    }

    private void release(int retired) {
        if (retired > 0) {
            pending.addAndGet(-retired);
            applyLevel();
        }
    }

    /**
     * Pauses above {@code maxPending}, resumes at half of it, deciding from the count as it is under the lock:
     * a change is applied by the thread that decided it, before any later decision.
     */
    private void applyLevel() {
        int now = pending.get();
        if (now <= maxPending && now > maxPending / 2) {
            return;
        }
        synchronized (pauseLock) {
            int current = pending.get();
            boolean wanted = current > maxPending || (paused && current > maxPending / 2);
            if (wanted != paused) {
                paused = wanted;
                pause.accept(wanted);
            }
        }
    }

    private static final class Slot {
        private final Commit commit;
        private boolean done;

        private Slot(Commit commit) {
            this.commit = commit;
        }
    }

    /** One partition's records in offset order, from the oldest not yet committable. */
    private static final class Partition {
        private final ArrayDeque<Slot> slots = new ArrayDeque<>();
        private boolean forgotten;

        synchronized Slot add(Commit commit) {
            Slot slot = new Slot(commit);
            slots.addLast(slot);
            return slot;
        }

        /**
         * Marks {@code slot} done and commits the done run at the head, under the lock so that commits of one
         * partition are passed on in offset order; answers how many records it retired.
         */
        synchronized int done(Slot slot) {
            if (slot.done || forgotten) {
                return 0;
            }
            slot.done = true;
            Slot last = null;
            int retired = 0;
            while (!slots.isEmpty() && slots.peekFirst().done) {
                last = slots.pollFirst();
                retired++;
            }
            if (last != null) {
                last.commit.acknowledge();
            }
            return retired;
        }

        /** Drops every slot; answers how many there were. */
        synchronized int forget() {
            forgotten = true;
            int dropped = slots.size();
            slots.clear();
            return dropped;
        }
    }
}
