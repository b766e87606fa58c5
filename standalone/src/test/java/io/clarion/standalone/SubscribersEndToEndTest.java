package io.clarion.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clarion.devstack.DevStack;
import io.clarion.devstack.DevStackExtension;
import io.clarion.devstack.Namespace;
import io.clarion.devstack.sandbox.SandboxMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

/**
 * Status-page subscribers over HTTP on the real stack: sign-up → a confirmation email through the email channel
 * (SES SDK to the sandbox) → its link confirms → the subscriber is a recipient in segment {@code subscribers} and a
 * broadcast reaches them with a one-click unsubscribe (RFC 8058) → that POST unsubscribes → the next broadcast does
 * not reach them. Also: links work once, forged unsubscribe tokens do nothing, components make segments, and
 * sign-ups are limited per client address.
 */
@ExtendWith(DevStackExtension.class)
class SubscribersEndToEndTest {
    private static final String KEY = "subscribers-root-key";
    private static final Pattern CONFIRM_LINK = Pattern.compile("https?://\\S+/subscribers/confirm\\?token=[A-Za-z0-9_%-]+");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static DevStack stack;
    private static Engine engine;
    private static Api api;

    @BeforeAll
    static void start(DevStack devStack) {
        stack = devStack;
        Namespace namespace = stack.newNamespace("subscribers");
        engine = Engine.start(stack, namespace, 0, KEY, Map.of("clarion.subscribers.signup-burst", 3,
                "clarion.subscribers.signup-interval", "1h"));
        api = new Api(engine.gatewayUrl(), KEY);
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void aConfirmedSubscriberGetsBroadcastsWithAOneClickUnsubscribeThatWorks() {
        Api news = tenantWithAdminKey("news");
        String email = "ada@example.com";
        assertThat(anonymous("POST", engine.gatewayUrl() + "/status/news/subscribers", "application/json",
                "{\"email\":\"" + email + "\"}").status()).isEqualTo(202);
        String link = confirmationLink(email);
        assertThat(link).startsWith(engine.gatewayUrl() + "/status/news/subscribers/confirm?token=");

        var confirmed = anonymous("GET", link);
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.body()).contains("Subscription confirmed");
        assertThat(anonymous("GET", link).status()).as("a confirmation link works once").isEqualTo(404);
        assertThat(news.get("/v1/segments/subscribers/size").json()).containsEntry("recipients", 1);
        assertThat(news.get("/v1/segments/subscribers:all/size").json()).containsEntry("recipients", 1);

        news.incidentWithUpdate("INC-SUB", "SEV2", "investigating", "Elevated errors on the API");
        String first = news.broadcast("INC-SUB", Map.of("segments", List.of("subscribers")), List.of("email"));
        assertThat(Api.counts(news.awaitCompleted(first, Duration.ofSeconds(60)))).containsEntry("sent", 1L);
        SandboxMessage update = await().atMost(Duration.ofSeconds(30)).until(() -> updateEmails(email, "INC-SUB"),
                found -> !found.isEmpty()).get(0);
        String unsubscribe = update.headers().get("list-unsubscribe");
        assertThat(unsubscribe).startsWith("<" + engine.gatewayUrl() + "/status/news/subscribers/unsubscribe?token=sub-")
                .endsWith(">");
        assertThat(update.headers()).containsEntry("list-unsubscribe-post", "List-Unsubscribe=One-Click");
        String url = unsubscribe.substring(1, unsubscribe.length() - 1);

        assertThat(anonymous("GET", url).body()).as("GET only shows a button").contains("<button");
        assertThat(news.get("/v1/segments/subscribers/size").json()).containsEntry("recipients", 1);
        var oneClick = anonymous("POST", url, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click");
        assertThat(oneClick.status()).isEqualTo(200);
        assertThat(oneClick.body()).contains("unsubscribed");
        assertThat(news.get("/v1/segments/subscribers/size").json()).containsEntry("recipients", 0);

        news.post("/v1/incidents/INC-SUB/updates", Map.of("status", "resolved", "body", "Fixed"));
        String second = news.broadcast("INC-SUB", Map.of("segments", List.of("subscribers")), List.of("email"));
        assertThat(Api.counts(news.awaitCompleted(second, Duration.ofSeconds(60)))).containsEntry("targeted", 0L);
        assertThat(updateEmails(email, "INC-SUB")).as("no email after unsubscribing").hasSize(1);
    }

    @Test
    void componentsMakeTheirOwnSegmentsAndForgedTokensDoNothing() {
        String email = "grace@example.com";
        assertThat(subscribe(email, List.of("api", "billing")).status()).isEqualTo(202);
        assertThat(anonymous("GET", confirmationLink(email)).status()).isEqualTo(200);
        assertThat(api.get("/v1/segments/subscribers:api/size").json()).containsEntry("recipients", 1);
        assertThat(api.get("/v1/segments/subscribers:billing/size").json()).containsEntry("recipients", 1);

        String base = engine.gatewayUrl() + "/status/default/subscribers/unsubscribe?token=";
        for (String forged : List.of("sub-0123456789abcdef01234567.AAAA", "garbage", "")) {
            assertThat(anonymous("POST", base + forged).status()).isEqualTo(404);
        }
        assertThat(anonymous("GET", engine.gatewayUrl() + "/status/default/subscribers/confirm?token=nope").status())
                .isEqualTo(404);
        assertThat(api.get("/v1/segments/subscribers:api/size").json()).containsEntry("recipients", 1);
        assertThat(subscribe("x@example.com", List.of("all")).status()).as("'all' is reserved").isEqualTo(400);
        assertThat(anonymous("POST", engine.gatewayUrl() + "/status/no-such-tenant/subscribers", "application/json",
                "{\"email\":\"y@example.com\"}").status()).isEqualTo(404);
    }

    @Test
    void signUpsAreLimitedPerClientAddress() {
        for (int i = 0; i < 3; i++) {
            assertThat(subscribeFrom("127.0.0.2", "burst-" + i + "@example.com").status()).isEqualTo(202);
        }
        Answer refused = subscribeFrom("127.0.0.2", "burst-3@example.com");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.head()).containsPattern("(?i)retry-after: [1-9][0-9]*");
        assertThat(refused.head()).containsIgnoringCase("application/problem+json");
        assertThat(subscribeFrom("127.0.0.3", "other-address@example.com").status())
                .as("another address has its own bucket").isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> !emailsTo("burst-2@example.com").isEmpty());
        assertThat(emailsTo("burst-3@example.com")).as("a refused sign-up sends nothing").isEmpty();
    }

    static Api tenantWithAdminKey(String tenant) {
        assertThat(api.post("/v1/admin/tenants", Map.of("id", tenant, "name", tenant + " Inc.")).status()).isEqualTo(201);
        var created = api.post("/v1/admin/api-keys", Map.of("name", "admin", "tenant", tenant, "scopes", List.of("admin")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new Api(engine.gatewayUrl(), (String) created.json().get("key"));
    }

    private static Api.Response subscribe(String email, List<String> components) {
        return anonymous("POST", engine.gatewayUrl() + "/status/default/subscribers", "application/json",
                JSON.writeValueAsString(Map.of("email", email, "components", components)));
    }

    static String confirmationLink(String email) {
        SandboxMessage message = await().atMost(Duration.ofSeconds(30)).until(() -> emailsTo(email),
                found -> !found.isEmpty()).get(0);
        Matcher link = CONFIRM_LINK.matcher(message.body());
        assertThat(link.find()).as(message.body()).isTrue();
        return link.group();
    }

    /** Emails the sandbox received for {@code address}, confirmations and updates alike. */
    static List<SandboxMessage> emailsTo(String address) {
        return stack.sandbox().messages("email").stream().filter(m -> m.body().contains("\"" + address + "\"")).toList();
    }

    private static List<SandboxMessage> updateEmails(String address, String incident) {
        return emailsTo(address).stream().filter(m -> incident.equals(m.incidentId())).toList();
    }

    private static Api.Response anonymous(String method, String url) {
        return anonymous(method, url, "application/json", null);
    }

    private static Api.Response anonymous(String method, String url, String contentType, String body) {
        URI uri = URI.create(url);
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return new Api(engine.gatewayUrl(), KEY).send(method, path, contentType,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), null);
    }

    record Answer(int status, String head) {
    }

    /** A sign-up sent from {@code localAddress} (any 127/8 address is this host), to be limited as that client. */
    private static Answer subscribeFrom(String localAddress, String email) {
        byte[] body = ("{\"email\":\"" + email + "\"}").getBytes(StandardCharsets.UTF_8);
        String head = "POST /status/default/subscribers HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", engine.gatewayPort()), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            int status = Integer.parseInt(answer.substring(9, 12));
            return new Answer(status, answer.substring(0, Math.max(0, answer.indexOf("\r\n\r\n"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
