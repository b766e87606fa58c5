package io.clarion.standalone.benchmark;

import io.clarion.devstack.sandbox.ProviderSandbox;
import io.clarion.devstack.sandbox.SandboxMessage;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * What the sandbox received, per update (incident and version) and channel, kept compactly as it arrives ({@link ProviderSandbox#observe}):
 * each message's arrival instant and a 64-bit hash of its recipient, 16 bytes a message. A million messages take
 * 16 MB here, where the sandbox's inbox would hold them with their headers and bodies, gigabytes in the very heap the
 * benchmark reports (start the stack with a bounded inbox). Recipients are told apart by their hash: two recipients
 * among a million share one with a probability of about 3 × 10⁻⁸.
 */
final class ReceivedLog implements Consumer<SandboxMessage> {
    private final Map<String, Map<String, Arrivals>> byUpdate = new ConcurrentHashMap<>();

    /** A log of every message {@code sandbox} receives from now on. */
    static ReceivedLog of(ProviderSandbox sandbox) {
        ReceivedLog log = new ReceivedLog();
        sandbox.observe(log);
        return log;
    }

    @Override
    public void accept(SandboxMessage message) {
        if (message.incidentId() == null || message.version() == null) {
            return;
        }
        byUpdate.computeIfAbsent(update(message.incidentId(), message.version()), update -> new ConcurrentHashMap<>())
                .computeIfAbsent(message.channel(), channel -> new Arrivals())
                .add(message);
    }

    /** The figures of the messages of update {@code version} of {@code incident} on {@code channels} together. */
    DeliveryFigures figures(String incident, long version, Collection<String> channels, Instant submittedAt) {
        Map<String, Arrivals> ofUpdate = byUpdate.getOrDefault(update(incident, version), Map.of());
        Arrivals all = new Arrivals();
        channels.stream().map(ofUpdate::get).filter(Objects::nonNull).forEach(all::addAll);
        return all.figures(submittedAt);
    }

    private static String update(String incident, long version) {
        return incident + "/v" + version;
    }

    /** Arrival instants (epoch microseconds) and recipient hashes, appended under the object's lock. */
    static final class Arrivals {
        private long[] receivedAtMicros = new long[1024];
        private long[] recipients = new long[1024];
        private int size;

        synchronized void add(SandboxMessage message) {
            add(micros(message.receivedAt()), message.recipient() == null ? 0 : hash64(message.recipient()));
        }

        private void add(long receivedAt, long recipient) {
            if (size == receivedAtMicros.length) {
                receivedAtMicros = Arrays.copyOf(receivedAtMicros, size * 2);
                recipients = Arrays.copyOf(recipients, size * 2);
            }
            receivedAtMicros[size] = receivedAt;
            recipients[size] = recipient;
            size++;
        }

        synchronized void addAll(Arrivals other) {
            synchronized (other) {
                for (int i = 0; i < other.size; i++) {
                    add(other.receivedAtMicros[i], other.recipients[i]);
                }
            }
        }

        synchronized DeliveryFigures figures(Instant submittedAt) {
            long submitted = micros(submittedAt);
            double[] latenciesMs = new double[size];
            for (int i = 0; i < size; i++) {
                latenciesMs[i] = (receivedAtMicros[i] - submitted) / 1_000.0;
            }
            long[] sorted = Arrays.copyOf(recipients, size);
            Arrays.sort(sorted);
            long distinct = 0;
            for (int i = 0; i < sorted.length; i++) {
                if (sorted[i] != 0 && (i == 0 || sorted[i] != sorted[i - 1])) {
                    distinct++;
                }
            }
            return DeliveryFigures.of(latenciesMs, distinct);
        }

        private static long micros(Instant instant) {
            return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
        }

        /** FNV-1a over the UTF-16 units; 0 is kept for "no recipient". */
        private static long hash64(String recipient) {
            long hash = 0xcbf29ce484222325L;
            for (int i = 0; i < recipient.length(); i++) {
                hash ^= recipient.charAt(i);
                hash *= 0x100000001b3L;
            }
            return hash == 0 ? 1 : hash;
        }
    }
}
