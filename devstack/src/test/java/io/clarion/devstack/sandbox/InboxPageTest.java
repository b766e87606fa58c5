package io.clarion.devstack.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

class InboxPageTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern ROW = Pattern.compile("<tr class=\"message\">");
    private static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");

    /** The page over an inbox the tests fill directly, since only the webhook channel can be posted to here. */
    private static final Inbox INBOX = new Inbox();
    private static DisposableServer server;

    @BeforeAll
    static void startPage() {
        server = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> new InboxPage(INBOX).addRoutes(routes))
                .bindNow(Duration.ofSeconds(10));
    }

    @AfterAll
    static void stopPage() {
        server.disposeNow(Duration.ofSeconds(5));
    }

    @BeforeEach
    void emptyInbox() {
        INBOX.clear();
    }

    @Test
    void theSandboxServesTheInboxPageWithPostedWebhooksNewestFirst() throws Exception {
        try (ProviderSandbox sandbox = ProviderSandbox.start()) {
            for (int version = 1; version <= 3; version++) {
                HttpResponse<String> posted = HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.webhookUrl("r-1")))
                        .header("webhook-id", "msg_v" + version)
                        .POST(HttpRequest.BodyPublishers.ofString(webhookBody("r-1", version, "Outage"))).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(posted.statusCode()).isEqualTo(200);
            }

            for (String path : new String[] {"/sandbox", "/sandbox/"}) {
                HttpResponse<String> page = get(sandbox.baseUrl() + path);
                assertThat(page.statusCode()).isEqualTo(200);
                assertThat(page.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
                assertThat(page.headers().firstValue("content-security-policy")).hasValueSatisfying(
                        policy -> assertThat(policy).startsWith("default-src 'none'"));
                assertThat(page.body()).containsSubsequence("msg_v3", "msg_v2", "msg_v1");
                assertThat(rows(page.body())).isEqualTo(3);
            }
            assertThat(get(sandbox.baseUrl() + "/sandbox/messages/0").body()).contains("msg_v1", "webhook-id");
        }
    }

    @Test
    void tabsCountEachChannelAndTheDefaultIsTheChannelOfTheNewestMessage() throws Exception {
        add(webhook("r-1", 1, "a"));
        add(webhook("r-2", 1, "b"));
        add(email("r-1", "<p>hi</p>"));
        add(sms("r-1", "Outage on api"));

        String page = get(url("/sandbox")).body();

        assertThat(page).contains(">webhook <span class=\"count\">2</span>", ">email <span class=\"count\">1</span>",
                ">push <span class=\"count\">0</span>", "class=\"tab selected\" href=\"/sandbox?channel=sms\"",
                "Outage on api");
        assertThat(rows(page)).isEqualTo(1);
        assertThat(rows(get(url("/sandbox?channel=webhook")).body())).isEqualTo(2);
        assertThat(get(url("/sandbox")).statusCode()).isEqualTo(200);
    }

    @Test
    void recipientFilterShowsOnlyThatRecipientsMessagesAndRecipientsAreListedWithCounts() throws Exception {
        add(webhook("r-1", 1, "first"));
        add(webhook("r-2", 1, "other"));
        add(webhook("r-1", 2, "second"));

        String all = get(url("/sandbox?channel=webhook")).body();
        String filtered = get(url("/sandbox?channel=webhook&recipient=r-1")).body();

        assertThat(all).contains("href=\"/sandbox?channel=webhook&amp;recipient=r-1\">r-1</a> <span class=\"count\">2",
                "r-2</a> <span class=\"count\">1");
        assertThat(rows(filtered)).isEqualTo(2);
        assertThat(filtered).containsSubsequence("second", "first").doesNotContain("other");
    }

    @Test
    void emailPageShowsSubjectHeadersTextAndTheHtmlPartInASandboxedIframeWithEscapedSrcdoc() throws Exception {
        add(email("r-1", "<p class=\"x\">Tom & Jerry's <b>outage</b></p>"));

        HttpResponse<String> page = get(url("/sandbox/messages/0"));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<dt>subject</dt><dd>[SEV1] Outage</dd>", "ops@example.com",
                "<th>X-Clarion-Incident</th><td>INC-1</td>", "<pre>Plain text part</pre>",
                "<iframe sandbox srcdoc=\"&lt;p class=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s &lt;b&gt;outage&lt;/b&gt;"
                        + "&lt;/p&gt;\" title=\"HTML part\"></iframe>");
        assertThat(get(url("/sandbox?channel=email")).body()).contains("[SEV1] Outage \u2014 alerts@clarion.test");
    }

    @Test
    void scriptInAMessageIsEscapedInTheListAndOnTheMessagePage() throws Exception {
        String evil = "<script>alert(1)</script>";
        add(new SandboxMessage("webhook", "\"><script>x()</script>", "INC-<img src=x onerror=y()>", 1L, evil, T0,
                "/webhooks/x", Map.of("webhook-id", evil), webhookBody("r", 1, evil)));
        add(new SandboxMessage("sms", "r", "INC-1", 1L, "m", T0, "/sms", Map.of(), "not json " + evil));

        String list = get(url("/sandbox?channel=webhook")).body() + get(url("/sandbox?channel=sms")).body()
                + get(url("/sandbox?channel=webhook&recipient=" + encode("\"><script>x()</script>"))).body();
        String detail = get(url("/sandbox/messages/0")).body() + get(url("/sandbox/messages/1")).body();

        assertThat(list + detail).doesNotContain("<script", "<img").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(detail).contains("it is shown raw below", "not json &lt;script&gt;");
    }

    @Test
    void aPageShowsAtMost200RowsOfAHundredThousandNewestFirstAndPagesOn() throws Exception {
        for (int i = 0; i < 100_000; i++) {
            INBOX.add(new SandboxMessage("webhook", "r-" + (i % 500), "INC-1", (long) i, "msg_" + i, T0, "/webhooks/r",
                    Map.of(), "{}"));
        }

        long start = System.nanoTime();
        String first = get(url("/sandbox")).body();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        String second = get(url("/sandbox?page=2")).body();
        String last = get(url("/sandbox?page=500")).body();

        assertThat(took).isLessThan(Duration.ofSeconds(2));
        assertThat(rows(first)).isEqualTo(InboxPage.PAGE_SIZE);
        assertThat(first).containsSubsequence("msg_99999<", "msg_99998<").contains("page 1 of 500",
                "messages 1&ndash;200 of 100000", "and 400 more").doesNotContain("msg_99799<");
        assertThat(second).contains("msg_99799<", "messages 201&ndash;400").doesNotContain("msg_99800<");
        assertThat(rows(last)).isEqualTo(200);
        assertThat(last).contains("msg_0<");
        assertThat(rows(get(url("/sandbox?page=501")).body())).isZero();
    }

    @Test
    void unknownChannelOrBadPageIsAnswered400WithAPageSayingWhatWasExpected() throws Exception {
        HttpResponse<String> channel = get(url("/sandbox?channel=fax"));
        HttpResponse<String> page = get(url("/sandbox?page=0"));
        HttpResponse<String> refresh = get(url("/sandbox?refresh=soon"));

        assertThat(channel.statusCode()).isEqualTo(400);
        assertThat(channel.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(channel.body()).contains("channel: fax (expected: one of webhook, email, sms, push)");
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(refresh.statusCode()).isEqualTo(400);
    }

    @Test
    void unknownMessageIndexIsAnswered404() throws Exception {
        add(webhook("r-1", 1, "a"));

        assertThat(get(url("/sandbox/messages/1")).statusCode()).isEqualTo(404);
        assertThat(get(url("/sandbox/messages/abc")).statusCode()).isEqualTo(404);
        assertThat(get(url("/sandbox/messages/0")).statusCode()).isEqualTo(200);
    }

    @Test
    void smsAndPushPagesShowTheTextTitleBodyAndData() throws Exception {
        add(sms("r-1", "API degraded"));
        add(new SandboxMessage("push", "r-1", "INC-1", 2L, "msg_f", T0, "/v1/projects/p/messages:send", Map.of(),
                "{\"message\":{\"token\":\"tok-1\",\"notification\":{\"title\":\"Outage\",\"body\":\"API down\"},"
                        + "\"data\":{\"incidentId\":\"INC-1\",\"version\":\"2\"}}}"));
        add(new SandboxMessage("push", "r-1", "INC-1", 3L, "msg_a", T0, "/3/device/abc123", Map.of("apns-topic", "t"),
                "{\"aps\":{\"alert\":{\"title\":\"Resolved\",\"body\":\"All good\"}},\"incidentId\":\"INC-1\"}"));
        add(new SandboxMessage("push", "r-1", "INC-1", 4L, "msg_x", T0, "/3/device/abc123", Map.of(), "{\"foo\":1}"));

        assertThat(get(url("/sandbox/messages/0")).body()).contains("<dt>segments</dt><dd>1</dd>", "<pre>API degraded");
        assertThat(get(url("/sandbox/messages/1")).body()).contains("push (FCM)", "<dd>tok-1</dd>", "<dd>Outage</dd>",
                "<dd>API down</dd>", "<th>version</th><td>2</td>");
        assertThat(get(url("/sandbox/messages/2")).body()).contains("push (APNs)", "<dd>abc123</dd>",
                "<dd>Resolved</dd>", "<th>incidentId</th><td>INC-1</td>", "<th>apns-topic</th><td>t</td>");
        assertThat(get(url("/sandbox/messages/3")).body()).contains("it is shown raw below", "&quot;foo&quot;");
        assertThat(get(url("/sandbox?channel=push")).body()).containsSubsequence("{&quot;foo&quot;:1}",
                "Resolved: All good", "Outage: API down");
    }

    @Test
    void refreshParameterAddsAMetaRefreshAndKeepsItInLinks() throws Exception {
        add(webhook("r-1", 1, "a"));

        String refreshing = get(url("/sandbox?channel=webhook&refresh=5")).body();

        assertThat(refreshing).contains("<meta http-equiv=\"refresh\" content=\"5\">",
                "href=\"/sandbox?channel=webhook&amp;recipient=r-1&amp;refresh=5\"");
        assertThat(get(url("/sandbox")).body()).doesNotContain("http-equiv");
    }

    private static void add(SandboxMessage message) {
        INBOX.add(message);
    }

    private static SandboxMessage webhook(String recipient, long version, String title) {
        return new SandboxMessage("webhook", recipient, "INC-1", version, "msg_" + recipient + "_" + version, T0,
                "/webhooks/" + recipient, Map.of("webhook-id", "msg_" + recipient),
                webhookBody(recipient, version, title));
    }

    private static SandboxMessage email(String recipient, String html) {
        String body = "{\"from\":\"alerts@clarion.test\",\"to\":[\"ops@example.com\"],\"subject\":\"[SEV1] Outage\","
                + "\"text\":\"Plain text part\",\"html\":" + quote(html) + ",\"headers\":{\"Message-ID\":"
                + "\"<msg_1@clarion>\",\"X-Clarion-Incident\":\"INC-1\"}}";
        return new SandboxMessage("email", recipient, "INC-1", 1L, "msg_1", T0, "/v2/email/outbound-emails", Map.of(),
                body);
    }

    private static SandboxMessage sms(String recipient, String text) {
        return new SandboxMessage("sms", recipient, "INC-1", 1L, "msg_s", T0, "/2010-04-01/Accounts/AC1/Messages.json",
                Map.of(), "{\"to\":\"+15550100001\",\"from\":\"+15550100000\",\"body\":" + quote(text)
                        + ",\"segments\":1}");
    }

    private static String webhookBody(String recipient, long version, String title) {
        return "{\"type\":\"incident.update\",\"incidentId\":\"INC-1\",\"version\":" + version + ",\"status\":"
                + "\"identified\",\"title\":" + quote(title) + ",\"recipientId\":" + quote(recipient) + "}";
    }

    private static String quote(String text) {
        return JsonReplies.MAPPER.writeValueAsString(text);
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static int rows(String html) {
        return (int) ROW.matcher(html).results().count();
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
