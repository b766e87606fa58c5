package io.clarion.gateway.template;

import io.clarion.gateway.audit.AuditLog;
import io.clarion.gateway.auth.Caller;
import io.clarion.gateway.http.JsonBodies;
import io.r2dbc.postgresql.codec.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;

/**
 * Templates in PostgreSQL: each PUT of a locale is a new immutable version (numbered from 1 per name and locale;
 * the table refuses updates and deletes). Two concurrent PUTs of one locale cannot take the same number: the
 * loser finds the row taken and answers empty (the caller says {@code 409}).
 */
@Component
public class TemplateStore {
    private static final TypeReference<TemplateParts> PARTS = new TypeReference<>() { };

    private final DatabaseClient db;
    private final JsonBodies json;
    private final AuditLog audit;

    TemplateStore(DatabaseClient db, JsonBodies json, AuditLog audit) {
        this.db = db;
        this.json = json;
        this.audit = audit;
    }

    /** A locale's locales and versions as {@code GET /v1/templates/{name}} answers them. */
    public record TemplateView(String name, List<LocaleView> locales) {
    }

    public record LocaleView(String locale, int latest, List<Integer> versions) {
    }

    /** The stored version of a new locale version, or empty when a concurrent PUT took its number. */
    Mono<Integer> put(Caller caller, String name, String locale, TemplateParts parts) {
        return db.sql("""
                        INSERT INTO templates (tenant_id, name, locale, version, parts)
                        SELECT $1, $2, $3, coalesce(max(version), 0) + 1, $4 FROM templates
                        WHERE tenant_id = $1 AND name = $2 AND locale = $3
                        ON CONFLICT DO NOTHING RETURNING version""")
                .bind(0, caller.tenant()).bind(1, name).bind(2, locale).bind(3, Json.of(json.write(parts)))
                .map(row -> row.get("version", Integer.class))
                .one()
                .flatMap(version -> audit.record(caller, "template.put", "template/" + name,
                        Map.of("locale", locale, "version", version)).thenReturn(version));
    }

    /** The template's locales with their versions; empty when the tenant has no template of that name. */
    Mono<TemplateView> find(String tenant, String name) {
        return db.sql("SELECT locale, array_agg(version ORDER BY version) AS versions FROM templates "
                        + "WHERE tenant_id = $1 AND name = $2 GROUP BY locale ORDER BY locale")
                .bind(0, tenant).bind(1, name)
                .map(row -> {
                    List<Integer> versions = List.of(row.get("versions", Integer[].class));
                    return new LocaleView(row.get("locale", String.class), versions.get(versions.size() - 1), versions);
                })
                .all()
                .collectList()
                .filter(locales -> !locales.isEmpty())
                .map(locales -> new TemplateView(name, locales));
    }

    /**
     * What an update naming the template pins: the latest version of each locale, and every name those versions
     * use (what the update must satisfy); empty when the tenant has no template of that name.
     */
    public Mono<Pinned> pin(String tenant, String name) {
        return versions(tenant, name, Map.of()).filter(locales -> !locales.isEmpty()).map(locales -> {
            Map<String, Integer> versions = new LinkedHashMap<>();
            Set<String> names = new TreeSet<>();
            locales.forEach((locale, latest) -> {
                versions.put(locale, latest.version());
                names.addAll(latest.parts().names());
            });
            return new Pinned(versions, names);
        });
    }

    /** The version of each locale an update renders with, and the names they use. */
    public record Pinned(Map<String, Integer> versions, Set<String> names) {
    }

    /** One locale's version. */
    record Latest(int version, TemplateParts parts) {
    }

    /**
     * The template's locales by locale (empty: no such template): the versions {@code pinned} names (an update's
     * pinned versions), or each locale's latest when {@code pinned} is empty (an update posted before pinning, or a
     * preview of another template).
     */
    Mono<Map<String, Latest>> versions(String tenant, String name, Map<String, Integer> pinned) {
        String sql = pinned.isEmpty()
                ? "SELECT DISTINCT ON (locale) locale, version, parts FROM templates "
                        + "WHERE tenant_id = $1 AND name = $2 ORDER BY locale, version DESC"
                : "SELECT t.locale, t.version, t.parts FROM templates t JOIN unnest($3::text[], $4::int[]) AS p(locale, version) "
                        + "ON p.locale = t.locale AND p.version = t.version "
                        + "WHERE t.tenant_id = $1 AND t.name = $2 ORDER BY t.locale";
        var statement = db.sql(sql).bind(0, tenant).bind(1, name);
        if (!pinned.isEmpty()) {
            statement = statement.bind(2, pinned.keySet().toArray(String[]::new))
                    .bind(3, pinned.values().toArray(Integer[]::new));
        }
        return statement
                .map(row -> Map.entry(row.get("locale", String.class), new Latest(row.get("version", Integer.class),
                        json.read(row.get("parts", Json.class).asString(), PARTS))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, LinkedHashMap::new);
    }
}
