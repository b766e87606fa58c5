package io.clarion.core.delivery;

import io.clarion.core.audience.RecipientProfile;
import java.util.List;
import java.util.Map;

/**
 * The recipient of a delivery as the stages after expansion see it: what a template may say about it and which
 * locale it reads ({@code locale}, a BCP 47 tag or {@code null}; {@code tier}; {@code attributes}, string values
 * only), and what blackouts look at ({@code region} and {@code services} for segment rules, {@code timeZone} (an
 * IANA id, {@code null}: UTC) for daily windows). Records written before a field existed read it as {@code null}
 * (or empty).
 */
public record RecipientContext(String locale, String tier, Map<String, String> attributes, String region,
                               List<String> services, String timeZone) {
    public RecipientContext {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        services = services == null ? List.of() : List.copyOf(services);
    }

    /** A recipient known only by what a template may say about it. */
    public RecipientContext(String locale, String tier, Map<String, String> attributes) {
        this(locale, tier, attributes, null, List.of(), null);
    }

    /** The attributes segment rules look at. */
    public RecipientProfile profile() {
        return new RecipientProfile(tier, region, locale, services, attributes);
    }
}
