package io.clarion.dispatcher.template;

import io.clarion.core.cache.BoundedCache;
import io.clarion.core.channel.Channel;
import io.clarion.core.template.MessageTemplate;
import io.r2dbc.spi.Row;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Reads a tenant's template (the versions an update pinned, compiled) with the tenant's default locale and status
 * page, once per {@code clarion.templates.ttl}; deliveries share it meanwhile. Pinned versions never change, so a
 * template put after the update changes nothing its deliveries say; an update posted before pinning (no versions)
 * reads each locale's latest. A failed read is not cached.
 */
@Component
class TemplateSources {
    private static final String PARTS = """
            parts->'email'->>'subject' AS email_subject, parts->'email'->>'text' AS email_text,
            parts->'email'->>'html' AS email_html, parts->'sms'->>'text' AS sms_text,
            parts->'push'->>'title' AS push_title, parts->'push'->>'body' AS push_body,
            parts->'webhook'->>'title' AS webhook_title, parts->'webhook'->>'body' AS webhook_body""";
    private static final String LATEST = "SELECT DISTINCT ON (locale) locale, version, " + PARTS
            + " FROM templates WHERE tenant_id = $1 AND name = $2 ORDER BY locale, version DESC";
    private static final String PINNED = "SELECT t.locale, t.version, " + PARTS + " FROM templates t "
            + "JOIN unnest($3::text[], $4::int[]) AS p(locale, version) ON p.locale = t.locale AND p.version = t.version "
            + "WHERE t.tenant_id = $1 AND t.name = $2";
    private static final String SETTINGS = "SELECT settings->>'defaultLocale' AS default_locale, "
            + "settings->>'statusPageUrl' AS status_page_url FROM tenant_settings WHERE tenant_id = $1";

    private final DatabaseClient db;
    private final Duration ttl;
    /** At most {@code cache-size} (template, pinned versions) kept, least recently used out first. */
    private final BoundedCache<List<Object>, Mono<TemplateSource>> sources;

    TemplateSources(DatabaseClient db, TemplateProperties properties) {
        this.db = db;
        this.ttl = properties.ttl();
        this.sources = new BoundedCache<>(properties.cacheSize());
    }

    /**
     * The tenant's template {@code name} in the {@code pinned} version of each locale (empty: each locale's latest);
     * its {@code locales} are empty when the tenant has no such template.
     */
    Mono<TemplateSource> find(String tenant, String name, Map<String, Integer> pinned) {
        return sources.computeIfAbsent(List.of(tenant, name, pinned), key -> load(tenant, name, pinned)
                .cache(source -> ttl, error -> Duration.ZERO, () -> Duration.ZERO));
    }

    private Mono<TemplateSource> load(String tenant, String name, Map<String, Integer> pinned) {
        List<String> pinnedLocales = List.copyOf(pinned.keySet());
        var statement = db.sql(pinned.isEmpty() ? LATEST : PINNED).bind(0, tenant).bind(1, name);
        if (!pinned.isEmpty()) {
            statement = statement.bind(2, pinnedLocales.toArray(String[]::new))
                    .bind(3, pinnedLocales.stream().map(pinned::get).toArray(Integer[]::new));
        }
        Mono<Map<String, TemplateSource.LocaleVersion>> locales = statement
                .map((row, metadata) -> Map.entry(row.get("locale", String.class), localeVersion(row)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, LinkedHashMap::new);
        Mono<List<String>> settings = db.sql(SETTINGS).bind(0, tenant)
                .map((row, metadata) -> nullable(row.get("default_locale", String.class),
                        row.get("status_page_url", String.class)))
                .one()
                .defaultIfEmpty(nullable(null, null));
        return Mono.zip(locales, settings, (found, tenantSettings) -> new TemplateSource(name, found,
                tenantSettings.get(0), tenantSettings.get(1)));
    }

    private static TemplateSource.LocaleVersion localeVersion(Row row) {
        Map<Channel, List<MessageTemplate>> parts = new EnumMap<>(Channel.class);
        put(parts, Channel.EMAIL, row, "email_subject", "email_text", "email_html");
        put(parts, Channel.SMS, row, "sms_text");
        put(parts, Channel.PUSH, row, "push_title", "push_body");
        put(parts, Channel.WEBHOOK, row, "webhook_title", "webhook_body");
        return new TemplateSource.LocaleVersion(row.get("version", Integer.class), parts);
    }

    /** The channel's parts, compiled ({@code null} where absent; html parts escape), when it has any. */
    private static void put(Map<Channel, List<MessageTemplate>> parts, Channel channel, Row row, String... columns) {
        List<MessageTemplate> compiled = new ArrayList<>();
        boolean any = false;
        for (String column : columns) {
            String source = row.get(column, String.class);
            any |= source != null;
            compiled.add(source == null ? null : MessageTemplate.compile(source, column.endsWith("_html")));
        }
        if (any) {
            parts.put(channel, Collections.unmodifiableList(compiled));
        }
    }

    private static List<String> nullable(String first, String second) {
        List<String> values = new ArrayList<>(2);
        values.add(first);
        values.add(second);
        return values;
    }
}
