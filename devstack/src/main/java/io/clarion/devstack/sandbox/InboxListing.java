package io.clarion.devstack.sandbox;

import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;

/** Renders the list page: tabs, recipients, filter, rows and paging. */
record InboxListing(InboxPage.View view, Map<String, Long> counts, InboxPage.Selection selection) {

    String render() {
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append(Html.head("Clarion sandbox inbox: " + view.channel(), view.refresh()));
        html.append("<header><h1>Clarion sandbox inbox</h1> ").append(refreshToggle()).append("</header>\n");
        tabs(html);
        recipients(html);
        filter(html);
        rows(html);
        pager(html);
        return html.append("</body></html>\n").toString();
    }

    private String refreshToggle() {
        return view.refresh() > 0
                ? Html.link(view.url(view.recipient(), view.page(), 0), "auto-refresh every " + view.refresh()
                        + " s: turn off")
                : Html.link(view.url(view.recipient(), view.page(), 5), "turn on auto-refresh (5 s)");
    }

    private void tabs(StringBuilder html) {
        html.append("<nav class=\"tabs\">");
        counts.forEach((channel, count) -> html.append("<a class=\"tab")
                .append(channel.equals(view.channel()) ? " selected" : "").append("\" href=\"")
                .append(Html.escape(new InboxPage.View(channel, null, 1, view.refresh()).url(null, 1, view.refresh())))
                .append("\">").append(Html.escape(channel)).append(" <span class=\"count\">").append(count)
                .append("</span></a>"));
        html.append("</nav>\n");
    }

    private void recipients(StringBuilder html) {
        html.append("<section class=\"recipients\"><h2>Recipients (").append(selection.recipientCount())
                .append(")</h2><ul>");
        for (Map.Entry<String, Integer> recipient : selection.recipients()) {
            html.append("<li>").append(Html.link(view.url(recipient.getKey(), 1, view.refresh()),
                            recipient.getKey())).append(" <span class=\"count\">").append(recipient.getValue())
                    .append("</span></li>");
        }
        int hidden = selection.recipientCount() - selection.recipients().size();
        html.append(hidden > 0 ? "<li>and " + hidden + " more (filter by id below)</li>" : "")
                .append("</ul></section>\n");
    }

    private void filter(StringBuilder html) {
        html.append("<form method=\"get\" action=\"").append(InboxPage.PATH).append("\">")
                .append("<input type=\"hidden\" name=\"channel\" value=\"").append(Html.escape(view.channel()))
                .append("\"><label>recipient <input name=\"recipient\" value=\"")
                .append(Html.escape(Objects.requireNonNullElse(view.recipient(), ""))).append("\"></label>")
                .append(view.refresh() > 0 ? "<input type=\"hidden\" name=\"refresh\" value=\"" + view.refresh()
                        + "\">" : "")
                .append(" <button>filter</button> ")
                .append(view.recipient() == null ? "" : Html.link(view.url(null, 1, view.refresh()), "show all"))
                .append("</form>\n");
    }

    private void rows(StringBuilder html) {
        long from = (long) (view.page() - 1) * InboxPage.PAGE_SIZE + 1;
        html.append("<p class=\"range\">").append(selection.rows().isEmpty() ? "no messages here"
                : "messages " + from + "&ndash;" + (from + selection.rows().size() - 1) + " of "
                + selection.matched() + ", newest first").append("</p>\n");
        html.append("<table><thead><tr><th>#</th><th>received</th><th>recipient</th><th>incident</th>"
                + "<th>version</th><th>message id</th><th>message</th></tr></thead><tbody>\n");
        for (Map.Entry<Integer, SandboxMessage> row : selection.rows()) {
            SandboxMessage message = row.getValue();
            html.append("<tr class=\"message\"><td>").append(Html.link(InboxPage.MESSAGE_PATH + row.getKey(),
                            String.valueOf(row.getKey())))
                    .append("</td><td>").append(message.receivedAt().truncatedTo(ChronoUnit.MILLIS))
                    .append("</td><td>").append(Html.escape(message.recipient()))
                    .append("</td><td>").append(Html.escape(message.incidentId()))
                    .append("</td><td>").append(message.version() == null ? "" : message.version())
                    .append("</td><td><code>").append(Html.escape(message.messageId()))
                    .append("</code></td><td>").append(Html.escape(MessageView.summary(message)))
                    .append("</td></tr>\n");
        }
        html.append("</tbody></table>\n");
    }

    private void pager(StringBuilder html) {
        int last = Math.max(1, (selection.matched() + InboxPage.PAGE_SIZE - 1) / InboxPage.PAGE_SIZE);
        html.append("<nav class=\"pager\">");
        if (view.page() > 1) {
            html.append(Html.link(view.url(view.recipient(), Math.min(view.page() - 1, last), view.refresh()),
                    "newer")).append(' ');
        }
        html.append("page ").append(view.page()).append(" of ").append(last);
        if (view.page() < last) {
            html.append(' ').append(Html.link(view.url(view.recipient(), view.page() + 1, view.refresh()),
                    "older"));
        }
        html.append("</nav>\n");
    }
}
