package io.clarion.gateway.statuspage;

import static io.clarion.core.html.HtmlEscape.escape;

import io.clarion.core.statuspage.Impact;
import io.clarion.gateway.component.ComponentView;
import io.clarion.gateway.statuspage.PublicStatus.PublicIncident;
import io.clarion.gateway.statuspage.PublicStatus.PublicUpdate;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The status page of one tenant as one HTML document, readable without JavaScript: a banner with the overall
 * status, the open incidents with every update (newest first), the components by group, and the recent past
 * incidents. Landmarks ({@code header}, {@code main}, {@code footer}), one {@code h1} and ordered headings,
 * {@code lang}, a skip link and a viewport for phones. Links are relative, so the page works under any host.
 */
final class StatusPageHtml {
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final PublicStatus status;
    private final Duration refresh;
    private final StringBuilder out = new StringBuilder(8192);

    private StatusPageHtml(PublicStatus status, Duration refresh) {
        this.status = status;
        this.refresh = refresh;
    }

    static byte[] render(PublicStatus status, Duration refresh) {
        return new StatusPageHtml(status, refresh).document().getBytes(StandardCharsets.UTF_8);
    }

    private String document() {
        String name = escape(status.name());
        String tenant = escape(status.tenant());
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(name).append(" status</title>\n")
                .append("<meta name=\"description\" content=\"Current status and incident history of ").append(name).append("\">\n")
                .append("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"").append(name)
                .append(" incident history\" href=\"").append(tenant).append("/history.atom\">\n")
                .append("<style>").append(StatusPageStyle.CSS).append("</style>\n</head>\n<body>\n")
                .append("<a class=\"skip\" href=\"#main\">Skip to current status</a>\n")
                .append("<header>\n<h1>").append(name).append(" status</h1>\n</header>\n")
                .append("<main id=\"main\" data-refresh=\"").append(refresh.toMillis()).append("\">\n");
        overall();
        openIncidents();
        components();
        history();
        out.append("</main>\n<footer>\n<p>Follow along: <a href=\"").append(tenant)
                .append("/subscribe\">email updates</a> · <a href=\"").append(tenant).append("/history.atom\">Atom feed</a> · ")
                .append("<a href=\"").append(tenant).append("/api/v2/summary.json\">JSON (Statuspage API v2)</a></p>\n")
                .append("<p>Times are in UTC. Powered by Clarion.</p>\n</footer>\n")
                .append("<script>").append(StatusPageStyle.SCRIPT).append("</script>\n</body>\n</html>\n");
        return out.toString();
    }

    private void overall() {
        Impact indicator = status.indicator();
        out.append("<section aria-labelledby=\"overall\">\n<h2 id=\"overall\" class=\"banner ").append(indicator.wireName())
                .append("\" aria-live=\"polite\">").append(escape(indicator.pageDescription())).append("</h2>\n")
                .append("<p class=\"checked\">Last change ").append(time(status.updatedAt())).append("</p>\n</section>\n");
    }

    private void openIncidents() {
        List<PublicIncident> open = status.unresolved();
        out.append("<section aria-labelledby=\"open-incidents\">\n<h2 id=\"open-incidents\">Open incidents</h2>\n");
        if (open.isEmpty()) {
            out.append("<p class=\"empty\">No open incidents.</p>\n");
        }
        for (PublicIncident incident : open) {
            out.append("<article class=\"card incident ").append(incident.impact().wireName()).append("\" id=\"incident-")
                    .append(escape(incident.id())).append("\" data-version=\"").append(incident.latest().version()).append("\">\n")
                    .append("<h3>").append(escape(incident.title())).append("</h3>\n");
            meta(incident);
            updates(incident);
            out.append("</article>\n");
        }
        out.append("</section>\n");
    }

    private void meta(PublicIncident incident) {
        out.append("<p class=\"meta\">").append(escape(capitalized(incident.impact().wireName()))).append(" impact");
        List<ComponentView> affected = status.affectedBy(incident);
        if (!affected.isEmpty()) {
            out.append(" · affects ").append(escape(String.join(", ", affected.stream().map(ComponentView::name).toList())));
        }
        out.append(" · started ").append(time(incident.createdAt())).append("</p>\n");
    }

    private void updates(PublicIncident incident) {
        out.append("<ol class=\"updates\" reversed>\n");
        for (PublicUpdate update : incident.updates()) {
            out.append("<li data-version=\"").append(update.version()).append("\"><span class=\"state\">")
                    .append(escape(update.status())).append("</span> <span class=\"version\">(update ")
                    .append(update.version()).append(")</span>\n<p class=\"body\">")
                    .append(escape(update.body())).append("</p>")
                    .append(time(update.createdAt())).append("</li>\n");
        }
        out.append("</ol>\n");
    }

    private void components() {
        out.append("<section aria-labelledby=\"components\">\n<h2 id=\"components\">Components</h2>\n");
        if (status.components().isEmpty()) {
            out.append("<p class=\"empty\">No components are listed.</p>\n</section>\n");
            return;
        }
        out.append("<div class=\"card\">\n");
        String group = null;
        boolean listOpen = false;
        for (ComponentView component : status.components()) {
            if (!listOpen || !Objects.equals(group, component.group())) {
                if (listOpen) {
                    out.append("</ul>\n");
                }
                group = component.group();
                if (group != null) {
                    out.append("<h3 class=\"group\">").append(escape(group)).append("</h3>\n");
                }
                out.append("<ul class=\"components\">\n");
                listOpen = true;
            }
            out.append("<li><span class=\"name\">").append(escape(component.name())).append("</span><span class=\"status ")
                    .append(component.status()).append("\">").append(escape(component.componentStatus().label()))
                    .append("</span></li>\n");
        }
        out.append("</ul>\n</div>\n</section>\n");
    }

    private void history() {
        List<PublicIncident> past = status.resolved();
        out.append("<section aria-labelledby=\"history\">\n<h2 id=\"history\">Past incidents</h2>\n");
        if (past.isEmpty()) {
            out.append("<p class=\"empty\">No incidents reported recently.</p>\n");
        }
        for (PublicIncident incident : past) {
            out.append("<details class=\"card incident ").append(incident.impact().wireName()).append("\" id=\"incident-")
                    .append(escape(incident.id())).append("\">\n<summary>").append(escape(incident.title()))
                    .append(" <span class=\"meta\">resolved ").append(time(incident.resolvedAt())).append("</span></summary>\n");
            updates(incident);
            out.append("</details>\n");
        }
        out.append("</section>\n");
    }

    private static String time(Instant instant) {
        return "<time datetime=\"" + StatuspageJson.time(instant) + "\">" + SHOWN.format(instant) + "</time>";
    }

    private static String capitalized(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
