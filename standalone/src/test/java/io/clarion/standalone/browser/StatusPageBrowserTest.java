package io.clarion.standalone.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.devstack.DevStack;
import io.clarion.devstack.DevStackExtension;
import io.clarion.devstack.Namespace;
import io.clarion.standalone.Engine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public status page in a real browser (headless chromium), at desktop and phone widths: an incident appears
 * and its newer version replaces the older one at the top while the test never reloads the page (the page's own
 * script refreshes it), the page never scrolls sideways, and screenshots are saved under {@code target/screenshots}.
 */
@ExtendWith(DevStackExtension.class)
class StatusPageBrowserTest {
    private static final String ROOT_KEY = "status-browser-root-key";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static Engine engine;

    @BeforeAll
    static void start(DevStack stack) {
        Namespace namespace = stack.newNamespace("statusbrowser");
        engine = Engine.gatewayOnly(stack, namespace, 0, ROOT_KEY, Map.of("clarion.status-page.page-refresh", "500ms",
                "clarion.status-page.rate-limit.requests-per-second", 1000, "clarion.status-page.rate-limit.burst", 1000));
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void onADesktopANewIncidentAndThenItsNewerVersionShowWithoutAReload() throws Exception {
        watchAnIncidentUnfold("acme-desktop", HeadlessChromium.DESKTOP, "status-page-desktop");
    }

    @Test
    void onAPhoneTheSamePageFitsTheScreenAndUpdatesItself() throws Exception {
        watchAnIncidentUnfold("acme-phone", HeadlessChromium.PHONE, "status-page-phone");
    }

    private void watchAnIncidentUnfold(String tenant, Dimension window, String screenshot) throws Exception {
        String key = tenantWithKey(tenant);
        put(key, "/v1/components/api", Map.of("name", "Public API", "service", "api", "group", "Core platform"));
        put(key, "/v1/components/dashboard", Map.of("name", "Dashboard", "service", "dashboard", "group", "Core platform"));
        put(key, "/v1/components/email", Map.of("name", "Email notifications", "service", "email", "group", "Messaging"));
        put(key, "/v1/components/sms", Map.of("name", "SMS", "service", "sms", "group", "Messaging"));
        put(key, "/v1/incidents/INC-OLD", Map.of("title", "Delayed email notifications", "severity", "SEV3",
                "services", List.of("email")));
        post(key, "/v1/incidents/INC-OLD/updates", Map.of("status", "investigating", "body", "Emails are delayed by up to 20 minutes."));
        post(key, "/v1/incidents/INC-OLD/updates", Map.of("status", "resolved", "body", "All queued emails have been delivered."));

        try (HeadlessChromium chromium = HeadlessChromium.start(window)) {
            ChromeDriver browser = chromium.driver();
            browser.get(engine.gatewayUrl() + "/status/" + tenant);
            assertThat(browser.findElement(By.id("overall")).getText()).isEqualTo("All Systems Operational");
            assertThat(browser.findElements(By.cssSelector("article.incident"))).isEmpty();

            put(key, "/v1/incidents/INC-7", Map.of("title", "Elevated API error rates", "severity", "SEV2",
                    "services", List.of("api", "dashboard")));
            post(key, "/v1/incidents/INC-7/updates", Map.of("status", "investigating",
                    "body", "We are investigating elevated error rates on the public API."));
            Updates shown = awaitLatestUpdate(browser, "INC-7", "1");
            assertThat(shown.latestText()).contains("investigating").contains("elevated error rates");
            assertThat(browser.findElement(By.id("overall")).getText()).isEqualTo("Partial System Outage");

            post(key, "/v1/incidents/INC-7/updates", Map.of("status", "identified",
                    "body", "A faulty deploy was identified and is being rolled back. Error rates are dropping."));
            shown = awaitLatestUpdate(browser, "INC-7", "2");
            assertThat(shown.latestText()).contains("identified").contains("rolled back");
            assertThat(shown.versions()).as("every update, newest first").containsExactly("2", "1");
            assertThat(browser.findElement(By.cssSelector(".components")).getText()).contains("Partial outage");

            Object overflow = browser.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(((Number) overflow).intValue()).as("horizontal scroll at " + window).isLessThanOrEqualTo(0);
            Path saved = chromium.screenshot(screenshot);
            System.out.println("status page screenshot: " + saved.toAbsolutePath());
        }
    }

    /** The incident's updates as the page shows them at one moment: the newest one's text, every version. */
    private record Updates(String latestText, List<String> versions) {
    }

    /**
     * Waits, without reloading, until the incident's newest update is this version; answers what was shown then,
     * read in one go (the page swaps its content when it changes, so an element found earlier can go stale).
     */
    private static Updates awaitLatestUpdate(ChromeDriver browser, String incident, String version) {
        return new WebDriverWait(browser, Duration.ofSeconds(15)).pollingEvery(Duration.ofMillis(100))
                .ignoring(StaleElementReferenceException.class).until(driver -> {
                    List<WebElement> updates = driver.findElements(By.cssSelector("#incident-" + incident + " .updates li"));
                    if (updates.isEmpty() || !version.equals(updates.get(0).getDomAttribute("data-version"))) {
                        return null;
                    }
                    return new Updates(updates.get(0).getText(),
                            updates.stream().map(li -> li.getDomAttribute("data-version")).toList());
                });
    }

    private static String tenantWithKey(String tenant) throws Exception {
        send("POST", ROOT_KEY, "/v1/admin/tenants", Map.of("id", tenant, "name", "Acme Cloud"));
        var created = send("POST", ROOT_KEY, "/v1/admin/api-keys", Map.of("name", "writer", "tenant", tenant,
                "scopes", List.of("admin")));
        return (String) JSON.readValue(created, Map.class).get("key");
    }

    private static void put(String key, String path, Object body) throws Exception {
        send("PUT", key, path, body);
    }

    private static void post(String key, String path, Object body) throws Exception {
        send("POST", key, path, body);
    }

    private static String send(String method, String key, String path, Object body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(engine.gatewayUrl() + path))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
        return response.body();
    }
}
