package io.clarion.gateway.dashboard;

import io.clarion.gateway.auth.Access;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /dashboard}: the read-only dashboard, a static page with no data in it (public, no key). In the browser
 * it asks for a read key once, keeps it in session storage and sends it only as the {@code Authorization} header of
 * {@code fetch("/v1/stream")} (an EventSource cannot send headers; a key in a URL would end up in logs and
 * history); it issues GET requests only. Its Content-Security-Policy allows exactly its own inline script (by hash),
 * connections to this origin, and no forms, frames or other origins.
 */
@RestController
class DashboardController {
    private static final Pattern SCRIPT = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);

    private final String page;
    private final String policy;

    DashboardController() {
        this.page = read("dashboard/dashboard.html");
        Matcher script = SCRIPT.matcher(page);
        if (!script.find()) {
            throw new IllegalStateException("dashboard/dashboard.html has no <script>");
        }
        this.policy = "default-src 'none'; script-src 'sha256-" + sha256(script.group(1)) + "'; "
                + "style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; "
                + "form-action 'none'; frame-ancestors 'none'";
    }

    @GetMapping("/dashboard")
    @Access.Public
    ResponseEntity<String> dashboard() {
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .header("Content-Security-Policy", policy)
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                .body(page);
    }

    private static String read(String resource) {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
