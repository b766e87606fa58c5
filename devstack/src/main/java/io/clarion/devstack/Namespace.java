package io.clarion.devstack;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * What one test (class) owns on the shared services, so tests do not see each other's data: a
 * PostgreSQL database of its own, a Kafka topic prefix and a Redis key prefix, all derived from
 * one name such as {@code t_orders_k3x9q2ab}. Create one with {@link DevStack#newNamespace}.
 *
 * @param database       a database that exists and is empty when the namespace is created
 * @param topicPrefix    prepend to topic names, e.g. {@code t_orders_k3x9q2ab.}
 * @param redisKeyPrefix prepend to Redis keys, e.g. {@code t_orders_k3x9q2ab:}
 */
public record Namespace(String database, String topicPrefix, String redisKeyPrefix) {

    private static final int MAX_HINT_LENGTH = 40;
    private static final int SUFFIX_LENGTH = 8;
    private static final String SUFFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    public Namespace {
        requireNonNull(database, "database");
        requireNonNull(topicPrefix, "topicPrefix");
        requireNonNull(redisKeyPrefix, "redisKeyPrefix");
    }

    /** {@code topicPrefix + name} */
    public String topic(String name) {
        return topicPrefix + requireNonNull(name, "name");
    }

    /** {@code redisKeyPrefix + key} */
    public String redisKey(String key) {
        return redisKeyPrefix + requireNonNull(key, "key");
    }

    /** A fresh name from {@code hint}: lowercase, only {@code [a-z0-9_]}, plus a random suffix. */
    static Namespace fresh(String hint, RandomGenerator random) {
        String name = "t_" + sanitized(requireNonNull(hint, "hint")) + "_" + suffix(random);
        return new Namespace(name, name + ".", name + ":");
    }

    private static String sanitized(String hint) {
        String cleaned = hint.toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_]+", "_")
                .replaceAll("_+", "_")
                .replaceAll("^_|_$", "");
        if (cleaned.isEmpty()) {
            return "ns";
        }
        return cleaned.length() <= MAX_HINT_LENGTH ? cleaned : cleaned.substring(0, MAX_HINT_LENGTH);
    }

    private static String suffix(RandomGenerator random) {
        StringBuilder suffix = new StringBuilder(SUFFIX_LENGTH);
        for (int i = 0; i < SUFFIX_LENGTH; i++) {
            suffix.append(SUFFIX_ALPHABET.charAt(random.nextInt(SUFFIX_ALPHABET.length())));
        }
        return suffix.toString();
    }
}
