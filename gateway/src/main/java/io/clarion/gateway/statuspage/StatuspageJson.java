package io.clarion.gateway.statuspage;

import io.clarion.core.statuspage.Impact;
import io.clarion.gateway.component.ComponentView;
import io.clarion.gateway.statuspage.PublicStatus.PublicIncident;
import io.clarion.gateway.statuspage.PublicStatus.PublicUpdate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The documents of Atlassian Statuspage's public {@code api/v2} ({@code summary.json}, {@code status.json},
 * {@code components.json}, {@code incidents.json}, {@code incidents/unresolved.json}) for one tenant, so existing
 * Statuspage clients and widgets work against Clarion. Fields Clarion has no counterpart for carry Statuspage's
 * neutral values ({@code showcase: false}, {@code tweet_id: null}); an update also carries its {@code version}.
 * Output depends only on the data, so every gateway renders the same bytes (and ETag) for the same data.
 */
final class StatuspageJson {
    private static final JsonMapper SNAKE_CASE = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
            .withZone(ZoneOffset.UTC);

    record Page(String id, String name, String url, String timeZone, String updatedAt) {
    }

    record Status(String indicator, String description) {
    }

    record Component(String id, String name, String status, String createdAt, String updatedAt, int position,
                     String description, boolean showcase, String startDate, String groupId, String pageId,
                     boolean group, boolean onlyShowIfDegraded, List<String> components) {
    }

    record Update(String id, String status, String body, String incidentId, String createdAt, String updatedAt,
                  String displayAt, List<Object> affectedComponents, boolean deliverNotifications, String customTweet,
                  String tweetId, int version) {
    }

    record Incident(String id, String name, String status, String createdAt, String updatedAt, String monitoringAt,
                    String resolvedAt, String impact, String shortlink, String startedAt, String pageId,
                    List<Update> incidentUpdates, List<Component> components) {
    }

    private final PublicStatus status;
    private final String pageUrl;
    private final Page page;

    StatuspageJson(PublicStatus status, String baseUrl) {
        this.status = status;
        this.pageUrl = baseUrl + "/status/" + status.tenant();
        this.page = new Page(status.tenant(), status.name(), pageUrl, "Etc/UTC", time(status.updatedAt()));
    }

    byte[] summary() {
        return write("page", page, "components", components(), "incidents", incidents(status.unresolved()),
                "scheduled_maintenances", List.of(), "status", indicator());
    }

    byte[] status() {
        return write("page", page, "status", indicator());
    }

    byte[] componentsDocument() {
        return write("page", page, "components", components());
    }

    byte[] incidentsDocument() {
        return write("page", page, "incidents", incidents(status.incidents()));
    }

    byte[] unresolvedDocument() {
        return write("page", page, "incidents", incidents(status.unresolved()));
    }

    private Status indicator() {
        Impact worst = status.indicator();
        return new Status(worst.wireName(), worst.pageDescription());
    }

    /** Grouped components as Statuspage lists them: each group is a component too, with its members' ids. */
    private List<Component> components() {
        List<Component> all = new ArrayList<>();
        Map<String, List<ComponentView>> groups = new LinkedHashMap<>();
        status.components().stream().filter(c -> c.group() != null)
                .forEach(c -> groups.computeIfAbsent(c.group(), g -> new ArrayList<>()).add(c));
        for (ComponentView c : status.components()) {
            all.add(component(c, all.size() + 1));
        }
        groups.forEach((name, members) -> all.add(new Component(groupId(name), name,
                status.worst(members).wireName(), time(members.get(0).createdAt().toInstant()),
                time(members.stream().map(m -> m.updatedAt().toInstant()).max(Instant::compareTo).orElseThrow()),
                all.size() + 1, null, false, null, null, status.tenant(), true, false,
                members.stream().map(ComponentView::id).toList())));
        return all;
    }

    private Component component(ComponentView c, int position) {
        return new Component(c.id(), c.name(), c.status(), time(c.createdAt().toInstant()), time(c.updatedAt().toInstant()),
                position, null, false, null, c.group() == null ? null : groupId(c.group()), status.tenant(), false, false,
                null);
    }

    static String groupId(String group) {
        return "group:" + group;
    }

    private List<Incident> incidents(List<PublicIncident> incidents) {
        return incidents.stream().map(this::incident).toList();
    }

    private Incident incident(PublicIncident i) {
        return new Incident(i.id(), i.title(), i.status(), time(i.createdAt()), time(i.changedAt()), time(i.monitoringAt()),
                time(i.resolvedAt()), i.impact().wireName(), pageUrl + "#incident-" + i.id(), time(i.createdAt()),
                status.tenant(), i.updates().stream().map(this::update).toList(),
                status.affectedBy(i).stream().map(c -> component(c, status.components().indexOf(c) + 1)).toList());
    }

    private Update update(PublicUpdate u) {
        String at = time(u.createdAt());
        return new Update(u.incidentId() + "-v" + u.version(), u.status(), u.body(), u.incidentId(),
                at, at, at, null, true, null, null, u.version());
    }

    static String time(Instant instant) {
        return instant == null ? null : TIME.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    /** A JSON object of these names and values, in this order (never a hash order: the bytes are the ETag). */
    private static byte[] write(Object... namesAndValues) {
        Map<String, Object> document = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            document.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return SNAKE_CASE.writeValueAsBytes(document);
    }
}
