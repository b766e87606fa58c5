package io.clarion.devstack.sandbox;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The optional {@code channel}, {@code recipient} and {@code incident} filters of
 * {@code GET /sandbox/messages}; a missing filter matches everything.
 */
record MessageFilter(String channel, String recipient, String incident) implements Predicate<SandboxMessage> {

    static MessageFilter fromQuery(Map<String, List<String>> parameters) {
        return new MessageFilter(first(parameters, "channel"), first(parameters, "recipient"),
                first(parameters, "incident"));
    }

    @Override
    public boolean test(SandboxMessage message) {
        return matches(channel, message.channel()) && matches(recipient, message.recipient())
                && matches(incident, message.incidentId());
    }

    private static boolean matches(String wanted, String actual) {
        return wanted == null || Objects.equals(wanted, actual);
    }

    private static String first(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() || values.get(0).isEmpty() ? null : values.get(0);
    }
}
