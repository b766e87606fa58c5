package io.clarion.gateway.subscriber;

import io.clarion.core.digest.Sha256;
import io.clarion.core.subscriber.UnsubscribeLinks;
import io.clarion.core.validation.FieldError;
import io.clarion.core.validation.Violations;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code {"email": "...", "components": ["api"]}}: who wants the tenant's updates, and about which components
 * (none: every component).
 */
record SubscribeRequest(String email, List<String> components) {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final int MAX_COMPONENTS = 50;

    SubscribeRequest {
        components = components == null ? List.of() : components.stream().distinct().toList();
    }

    List<FieldError> validate() {
        Violations violations = new Violations().required("email", email).maxLength("email", email, 254);
        if (email != null && !email.isBlank() && !EMAIL.matcher(email).matches()) {
            violations.add("email", "is not an email address (expected: name@domain)");
        }
        if (components.size() > MAX_COMPONENTS) {
            violations.add("components", "has " + components.size() + " entries (expected: at most " + MAX_COMPONENTS + ")");
        }
        for (int i = 0; i < components.size(); i++) {
            String component = components.get(i);
            violations.required("components[" + i + "]", component).identifier("components[" + i + "]", component);
            if (SubscriberStore.EVERY_COMPONENT.equals(component)) {
                violations.add("components[" + i + "]", "'all' is reserved (expected: no components for every component)");
            }
        }
        return violations.errors();
    }

    /** The subscriber's id: the same for the same address, whatever its case. */
    String subscriberId() {
        String normalized = email.strip().toLowerCase(Locale.ROOT);
        return UnsubscribeLinks.ID_PREFIX + HexFormat.of().formatHex(Sha256.of(normalized), 0, 12);
    }
}
