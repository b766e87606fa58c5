package io.clarion.devstack.sandbox;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The messages the sandbox received, in arrival order (all of them, or the newest {@code keep}), a count
 * per channel of every message received, and a count per channel of the requests it refused (injected
 * faults, throttling, bad auth, invalid requests), which are not kept.
 *
 * <p>Appending is O(1) under a short lock, so 100,000 messages cost no more per message than
 * the first ten; reads copy a snapshot. {@link #clear()} empties the messages and resets the
 * counts together.
 */
final class Inbox {

    /** The channels {@code GET /sandbox/stats} always reports, even at zero. */
    static final List<String> CHANNELS = List.of("webhook", "email", "sms", "push");

    private final Object lock = new Object();
    private final Map<String, LongAdder> received = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> rejected = new ConcurrentHashMap<>();
    private final int keep;
    private ArrayDeque<SandboxMessage> messages = new ArrayDeque<>();
    private final List<Consumer<SandboxMessage>> observers = new CopyOnWriteArrayList<>();

    /** Keeps every message. */
    Inbox() {
        this(0);
    }

    /** Keeps the newest {@code keep} messages (0: all), so a long-running sandbox has bounded memory. */
    Inbox(int keep) {
        if (keep < 0) {
            throw new IllegalArgumentException("keep: " + keep + " (expected: >= 0, 0 for all)");
        }
        this.keep = keep;
        CHANNELS.forEach(channel -> received.put(channel, new LongAdder()));
        CHANNELS.forEach(channel -> rejected.put(channel, new LongAdder()));
    }

    /** Counts one request of {@code channel} that the sandbox refused. */
    void reject(String channel) {
        requireNonNull(channel, "channel");
        synchronized (lock) {
            rejected.computeIfAbsent(channel, name -> new LongAdder()).increment();
        }
    }

    void add(SandboxMessage message) {
        requireNonNull(message, "message");
        synchronized (lock) {
            messages.addLast(message);
            if (keep > 0 && messages.size() > keep) {
                messages.removeFirst();
            }
            received.computeIfAbsent(message.channel(), channel -> new LongAdder()).increment();
        }
        observers.forEach(observer -> observer.accept(message));
    }

    /**
     * Hands every message added from now on to {@code observer}, whether or not the inbox keeps it, on the thread that
     * received it (so concurrently: the observer must be thread-safe and quick).
     */
    void observe(Consumer<SandboxMessage> observer) {
        observers.add(requireNonNull(observer, "observer"));
    }

    List<SandboxMessage> messages() {
        synchronized (lock) {
            return List.copyOf(messages);
        }
    }

    List<SandboxMessage> messages(Predicate<SandboxMessage> filter) {
        return messages().stream().filter(filter).toList();
    }

    /** Messages received per channel, by channel name. */
    Map<String, Long> counts() {
        return sums(received);
    }

    /** Requests refused per channel, by channel name. */
    Map<String, Long> rejectedCounts() {
        return sums(rejected);
    }

    private static Map<String, Long> sums(Map<String, LongAdder> adders) {
        Map<String, Long> counts = new LinkedHashMap<>();
        CHANNELS.forEach(channel -> counts.put(channel, 0L));
        adders.forEach((channel, count) -> counts.put(channel, count.sum()));
        return counts;
    }

    void clear() {
        synchronized (lock) {
            messages = new ArrayDeque<>();
            received.values().forEach(LongAdder::reset);
            rejected.values().forEach(LongAdder::reset);
        }
    }
}
