package io.clarion.gateway.statuspage;

import static io.clarion.core.html.HtmlEscape.escape;

import io.clarion.gateway.statuspage.PublicStatus.PublicIncident;
import io.clarion.gateway.statuspage.PublicStatus.PublicUpdate;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

/**
 * The tenant's incident history as an Atom feed (RFC 4287): one entry per update of each public incident shown,
 * newest first. Entry ids are {@code tag:} URIs of tenant, incident and version, so they never change when the
 * gateway's address does, and a feed reader shows each new version once.
 */
final class AtomHistory {
    private AtomHistory() {
    }

    static byte[] render(PublicStatus status, String baseUrl) {
        String page = baseUrl + "/status/" + status.tenant();
        StringBuilder out = new StringBuilder(4096)
                .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\">\n")
                .append("<id>").append(escape(tagUri(status.tenant(), ""))).append("</id>\n")
                .append("<title>").append(escape(status.name())).append(" status - incident history</title>\n")
                .append("<updated>").append(StatuspageJson.time(status.updatedAt())).append("</updated>\n")
                .append("<link rel=\"alternate\" type=\"text/html\" href=\"").append(escape(page)).append("\"/>\n")
                .append("<link rel=\"self\" type=\"application/atom+xml\" href=\"").append(escape(page))
                .append("/history.atom\"/>\n")
                .append("<author><name>").append(escape(status.name())).append("</name></author>\n")
                .append("<generator>Clarion</generator>\n");
        for (PublicUpdate update : newestFirst(status)) {
            PublicIncident incident = status.incidents().stream().filter(i -> i.id().equals(update.incidentId()))
                    .findFirst().orElseThrow();
            String at = StatuspageJson.time(update.createdAt());
            out.append("<entry>\n<id>").append(escape(tagUri(status.tenant(), "/" + incident.id() + "/v" + update.version())))
                    .append("</id>\n<title>").append(escape(incident.title() + " - " + update.status())).append("</title>\n")
                    .append("<updated>").append(at).append("</updated>\n<published>").append(at).append("</published>\n")
                    .append("<link rel=\"alternate\" type=\"text/html\" href=\"").append(escape(page + "#incident-" + incident.id()))
                    .append("\"/>\n<category term=\"").append(escape(incident.impact().wireName())).append("\"/>\n")
                    .append("<content type=\"text\">").append(escape(update.body()))
                    .append("</content>\n</entry>\n");
        }
        return out.append("</feed>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static List<PublicUpdate> newestFirst(PublicStatus status) {
        return status.incidents().stream().flatMap(i -> i.updates().stream())
                .sorted(Comparator.comparing(PublicUpdate::createdAt).reversed()
                        .thenComparing(PublicUpdate::incidentId).thenComparing(PublicUpdate::version, Comparator.reverseOrder()))
                .toList();
    }

    /** A {@code tag:} URI (RFC 4151); the incident id is percent-encoded where it could be ambiguous. */
    private static String tagUri(String tenant, String path) {
        return "tag:clarion.dev,2026:status/" + tenant + path.replace("%", "%25").replace(" ", "%20");
    }
}
