package io.clarion.core.template;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which template locale a recipient reads: exact ({@code de-CH}), then its language ({@code de}), then the
 * tenant's default locale, then {@code en}. Tags compare case-insensitively, {@code _} read as {@code -}.
 */
public final class LocaleFallback {
    public static final String LAST_RESORT = "en";

    private LocaleFallback() {
    }

    /** The locales to try for {@code recipientLocale} (may be {@code null}), in order, without repeats. */
    public static List<String> chain(String recipientLocale, String tenantDefault) {
        Set<String> chain = new LinkedHashSet<>();
        String exact = normalize(recipientLocale);
        if (exact != null) {
            chain.add(exact);
            int dash = exact.indexOf('-');
            if (dash > 0) {
                chain.add(exact.substring(0, dash));
            }
        }
        String fallback = normalize(tenantDefault);
        if (fallback != null) {
            chain.add(fallback);
        }
        chain.add(LAST_RESORT);
        return new ArrayList<>(chain);
    }

    /** The first locale of {@link #chain} among {@code available} (as stored), or empty when none is. */
    public static Optional<String> choose(Collection<String> available, String recipientLocale, String tenantDefault) {
        for (String wanted : chain(recipientLocale, tenantDefault)) {
            for (String locale : available) {
                if (wanted.equals(normalize(locale))) {
                    return Optional.of(locale);
                }
            }
        }
        return Optional.empty();
    }

    private static String normalize(String tag) {
        if (tag == null || tag.isBlank()) {
            return null;
        }
        return tag.strip().replace('_', '-').toLowerCase(Locale.ROOT);
    }
}
