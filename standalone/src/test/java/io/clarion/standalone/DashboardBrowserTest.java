package io.clarion.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.devstack.DevStack;
import io.clarion.devstack.DevStackExtension;
import io.clarion.devstack.Namespace;
import io.clarion.standalone.browser.HeadlessChromium;
import org.openqa.selenium.Dimension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The read-only dashboard in a real browser (headless Chromium): it asks for a read key, keeps it out of the URL,
 * shows open incidents by severity and the bucket levels, and a broadcast's counts moving, live over the stream,
 * until it is {@code completed} with every delivery counted per channel. The providers' webhook bucket is set low,
 * so the broadcast is visibly under way for a few seconds. Screenshots (under way, completed) are saved under
 * {@code target/screenshots/}; the README's {@code docs/dashboard.png} is one of them.
 */
@ExtendWith(DevStackExtension.class)
class DashboardBrowserTest {
    private static final String ROOT_KEY = "dashboard-browser-root";
    private static final int RECIPIENTS = 30;

    private static DevStack stack;
    private static Engine engine;
    private static Api root;

    @BeforeAll
    static void start(DevStack devStack) {
        stack = devStack;
        Namespace namespace = stack.newNamespace("dashboard-browser");
        engine = Engine.start(stack, namespace, 0, ROOT_KEY, Map.of("clarion.rate-limits.refresh-interval", "200ms",
                "clarion.stream.poll-interval", "300ms", "clarion.stream.rate-limit-interval", "1s"));
        root = new Api(engine.gatewayUrl(), ROOT_KEY);
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void aReadKeyShowsIncidentsAndABroadcastMovingToCompleted() throws InterruptedException {
        String readKey = readKey();
        seedRecipients();
        incident("INC-101", "Card payments failing in the EU", "SEV1", "identified");
        incident("INC-102", "Elevated API latency", "SEV2", "investigating");
        incident("INC-103", "Delayed report emails", "SEV3", "monitoring");
        String warmUp = root.broadcast("INC-102", Map.of("recipients", recipientIds().subList(0, 8)), List.of("email"));
        root.awaitCompleted(warmUp, Duration.ofSeconds(60));
        assertThat(root.put("/v1/admin/rate-limits/provider:webhook:default",
                Map.of("capacity", 4, "refillTokens", 4, "refillPeriod", "PT1S")).status()).isEqualTo(200);
        Thread.sleep(500); // the dispatcher re-reads policies every 200 ms

        try (HeadlessChromium chromium = HeadlessChromium.start(new Dimension(1400, 900))) {
            WebDriver browser = chromium.driver();
            browser.get(engine.gatewayUrl() + "/dashboard");
            browser.findElement(By.id("key")).sendKeys(readKey);
            browser.findElement(By.id("connect")).click();
            chromium.await(Duration.ofSeconds(20), b -> b.findElement(By.id("connection-text")).getText().equals("live"));
            assertThat(browser.getCurrentUrl()).doesNotContain(readKey).endsWith("/dashboard");
            assertThat(((JavascriptExecutor) browser).executeScript("return sessionStorage.getItem('clarion.readKey')"))
                    .isEqualTo(readKey);
            chromium.await(Duration.ofSeconds(20), b -> b.findElements(By.cssSelector(".incident")).size() == 3);
            assertThat(browser.findElements(By.cssSelector(".sev-group"))).extracting(e -> e.getAttribute("data-severity"))
                    .containsExactly("SEV1", "SEV2", "SEV3");

            String broadcast = root.broadcast("INC-101", Map.of("recipients", recipientIds()), List.of("email", "webhook"));
            By card = By.cssSelector("[data-broadcast-id='" + broadcast + "']");
            long partWay = chromium.await(Duration.ofSeconds(30), b -> {
                List<WebElement> found = b.findElements(card);
                if (found.isEmpty() || !found.get(0).findElement(By.cssSelector(".status")).getText().equals("DISPATCHING")) {
                    return null;
                }
                long sent = sent(found.get(0), "webhook");
                return sent > 0 ? sent : null;
            });
            assertThat(partWay).as("seen part way").isLessThan(RECIPIENTS);
            chromium.screenshot("dashboard-under-way");

            chromium.await(Duration.ofSeconds(90), b -> b.findElement(card).findElement(By.cssSelector(".status"))
                    .getText().equals("COMPLETED"));
            chromium.await(Duration.ofSeconds(10), b -> sent(b.findElement(card), "email") == RECIPIENTS
                    && sent(b.findElement(card), "webhook") == RECIPIENTS
                    && b.findElement(card).findElement(By.cssSelector(".totals .targeted")).getText()
                            .equals(Integer.toString(2 * RECIPIENTS))
                    && b.findElement(card).findElement(By.cssSelector(".ttfm")).getText().matches("[0-9.]+ m?s"));
            chromium.await(Duration.ofSeconds(10), b -> !b.findElements(By.cssSelector(".bucket")).isEmpty());
            chromium.screenshot("dashboard-completed");

            browser.findElement(By.id("forget")).click();
            assertThat(((JavascriptExecutor) browser).executeScript("return sessionStorage.getItem('clarion.readKey')"))
                    .isNull();
            assertThat(browser.findElement(By.id("key-form")).isDisplayed()).isTrue();
        }
    }

    @Test
    void aRefusedKeyIsForgottenAndTheFormSaysWhy() {
        try (HeadlessChromium chromium = HeadlessChromium.start(new Dimension(1000, 700))) {
            WebDriver browser = chromium.driver();
            browser.get(engine.gatewayUrl() + "/dashboard");
            browser.findElement(By.id("key")).sendKeys("clarion_not_a_key");
            browser.findElement(By.id("connect")).click();
            chromium.await(Duration.ofSeconds(20), b -> b.findElement(By.id("key-error")).getText().contains("not accepted"));
            assertThat(((JavascriptExecutor) browser).executeScript("return sessionStorage.getItem('clarion.readKey')"))
                    .isNull();
        }
    }

    private static void incident(String id, String title, String severity, String status) {
        assertThat(root.put("/v1/incidents/" + id, Map.of("title", title, "severity", severity)).status()).isEqualTo(201);
        assertThat(root.post("/v1/incidents/" + id + "/updates", Map.of("status", status, "body", title)).status())
                .isEqualTo(201);
    }

    private static long sent(WebElement card, String channel) {
        return Long.parseLong(card.findElement(By.cssSelector("[data-channel='" + channel + "'] .count-sent")).getText());
    }

    private static String readKey() {
        var created = root.post("/v1/admin/api-keys", Map.of("name", "dashboard", "scopes", List.of("read")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return (String) created.json().get("key");
    }

    private static void seedRecipients() {
        for (String id : recipientIds()) {
            assertThat(root.put("/v1/recipients/" + id, Map.of("contacts", Map.of("email", id + "@example.com",
                    "webhook", Map.of("url", stack.sandbox().webhookUrl("dash-" + id), "secret", Api.WEBHOOK_SECRET))))
                    .status()).isEqualTo(201);
        }
    }

    private static List<String> recipientIds() {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= RECIPIENTS; i++) {
            ids.add("exec-" + i);
        }
        return ids;
    }
}
