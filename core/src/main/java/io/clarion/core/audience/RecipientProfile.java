package io.clarion.core.audience;

import java.util.List;
import java.util.Map;

/** The attributes of a recipient that segment rules look at. */
public record RecipientProfile(String tier, String region, String locale, List<String> services,
                               Map<String, String> attributes) {
    public RecipientProfile {
        services = services == null ? List.of() : List.copyOf(services);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
