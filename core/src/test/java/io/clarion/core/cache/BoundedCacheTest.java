package io.clarion.core.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedCacheTest {

    @Test
    void aKeptValueIsNotComputedAgain() {
        BoundedCache<String, String> cache = new BoundedCache<>(4);
        List<String> computed = new ArrayList<>();

        cache.computeIfAbsent("a", key -> record(computed, key));
        cache.computeIfAbsent("a", key -> record(computed, key));

        assertThat(computed).containsExactly("a");
    }

    @Test
    void theLeastRecentlyUsedGoesFirstPastTheBound() {
        BoundedCache<String, String> cache = new BoundedCache<>(2);
        List<String> computed = new ArrayList<>();
        cache.computeIfAbsent("a", key -> record(computed, key));
        cache.computeIfAbsent("b", key -> record(computed, key));
        cache.computeIfAbsent("a", key -> record(computed, key));

        cache.computeIfAbsent("c", key -> record(computed, key));
        cache.computeIfAbsent("a", key -> record(computed, key));
        cache.computeIfAbsent("b", key -> record(computed, key));

        assertThat(cache.size()).isEqualTo(2);
        assertThat(computed).containsExactly("a", "b", "c", "b");
    }

    @Test
    void aFailedComputationKeepsNothing() {
        BoundedCache<String, String> cache = new BoundedCache<>(2);

        assertThatThrownBy(() -> cache.computeIfAbsent("a", key -> {
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(cache.size()).isZero();
    }

    @Test
    void aBoundBelowOneIsRefused() {
        assertThatThrownBy(() -> new BoundedCache<String, String>(0))
                .hasMessage("maxSize: 0 (expected: > 0)");
    }

    private static String record(List<String> computed, String key) {
        computed.add(key);
        return key.toUpperCase();
    }
}
