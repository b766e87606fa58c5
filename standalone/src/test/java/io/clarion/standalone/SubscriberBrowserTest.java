package io.clarion.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clarion.devstack.DevStack;
import io.clarion.devstack.DevStackExtension;
import io.clarion.devstack.Namespace;
import io.clarion.devstack.sandbox.SandboxMessage;
import io.clarion.standalone.browser.HeadlessChromium;
import org.openqa.selenium.Dimension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * A person in a real browser (headless Chromium): subscribes through the form, confirms from the link in the
 * sandbox's copy of the confirmation email, receives an update, and unsubscribes from that email's link.
 * Screenshots of each page are saved under {@code target/screenshots/}.
 */
@ExtendWith(DevStackExtension.class)
class SubscriberBrowserTest {
    private static final String KEY = "subscriber-browser-key";
    private static final Pattern CONFIRM_LINK = Pattern.compile("https?://\\S+/subscribers/confirm\\?token=[A-Za-z0-9_%-]+");

    private static DevStack stack;
    private static Engine engine;
    private static Api api;

    @BeforeAll
    static void start(DevStack devStack) {
        stack = devStack;
        Namespace namespace = stack.newNamespace("subscriber-browser");
        engine = Engine.start(stack, namespace, 0, KEY, Map.of());
        api = new Api(engine.gatewayUrl(), KEY);
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void subscribeConfirmAndUnsubscribeInABrowser() {
        String email = "browser-reader@example.com";
        try (HeadlessChromium chromium = HeadlessChromium.start(new Dimension(900, 700))) {
            WebDriver browser = chromium.driver();
            browser.get(engine.gatewayUrl() + "/status/default/subscribe");
            browser.findElement(By.id("email")).sendKeys(email);
            browser.findElement(By.id("components")).sendKeys("api, checkout");
            chromium.screenshot("subscribe-form");
            browser.findElement(By.id("subscribe")).click();
            chromium.await(Duration.ofSeconds(20), b -> b.getTitle().equals("Check your inbox"));
            chromium.screenshot("subscribe-check-inbox");

            browser.get(confirmationLink(email));
            assertThat(browser.findElement(By.id("result")).getText()).contains("You will now receive status updates");
            chromium.screenshot("subscribe-confirmed");
            assertThat(api.get("/v1/segments/subscribers:checkout/size").json()).containsEntry("recipients", 1);

            api.incidentWithUpdate("INC-BROWSER", "SEV2", "investigating", "Checkout is slow");
            String broadcast = api.broadcast("INC-BROWSER", Map.of("segments", List.of("subscribers:checkout")),
                    List.of("email"));
            assertThat(Api.counts(api.awaitCompleted(broadcast, Duration.ofSeconds(60)))).containsEntry("sent", 1L);
            SandboxMessage update = await().atMost(Duration.ofSeconds(30)).until(() -> emailsTo(email).stream()
                    .filter(m -> "INC-BROWSER".equals(m.incidentId())).toList(), found -> !found.isEmpty()).get(0);
            assertThat(update.headers()).containsEntry("list-unsubscribe-post", "List-Unsubscribe=One-Click");
            String unsubscribe = update.headers().get("list-unsubscribe");

            browser.get(unsubscribe.substring(1, unsubscribe.length() - 1));
            chromium.screenshot("unsubscribe-page");
            browser.findElement(By.id("unsubscribe")).click();
            chromium.await(Duration.ofSeconds(20), b -> b.getTitle().equals("Unsubscribed"));
            chromium.screenshot("unsubscribed");
        }
        assertThat(api.get("/v1/segments/subscribers:checkout/size").json()).containsEntry("recipients", 0);
    }

    private static String confirmationLink(String email) {
        SandboxMessage message = await().atMost(Duration.ofSeconds(30)).until(() -> emailsTo(email),
                found -> !found.isEmpty()).get(0);
        Matcher link = CONFIRM_LINK.matcher(message.body());
        assertThat(link.find()).as(message.body()).isTrue();
        return link.group();
    }

    private static List<SandboxMessage> emailsTo(String address) {
        return stack.sandbox().messages("email").stream().filter(m -> m.body().contains("\"" + address + "\"")).toList();
    }
}
