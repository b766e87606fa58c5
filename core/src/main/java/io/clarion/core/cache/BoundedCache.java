package io.clarion.core.cache;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * At most {@code maxSize} entries, the least recently used out first. Thread-safe: one lock, held while a missing
 * value is computed, so concurrent callers of one missing key compute it once (the others wait for it). Meant for
 * values that are cheap next to what they save (a rendered or redacted text, a lazily loaded {@code Mono}).
 */
public final class BoundedCache<K, V> {
    private final LinkedHashMap<K, V> entries;

    public BoundedCache(int maxSize) {
        if (maxSize < 1) {
            throw new IllegalArgumentException("maxSize: " + maxSize + " (expected: > 0)");
        }
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > maxSize;
            }
        };
    }

    /** The value kept for {@code key}, else {@code compute}'s, then kept (a {@code null} value is not kept). */
    public synchronized V computeIfAbsent(K key, Function<? super K, ? extends V> compute) {
        return entries.computeIfAbsent(key, compute);
    }

    public synchronized int size() {
        return entries.size();
    }
}
