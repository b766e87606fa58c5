package io.clarion.gateway.statuspage;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;

/**
 * Every representation of one tenant's status page, rendered once from one {@link PublicStatus} and served to
 * every request until the next change. The ETag of each is a hash of its bytes, so every gateway gives the same
 * content the same ETag. {@code lastModified} is when this gateway first saw the content differ from what it
 * served before, whole seconds, and always at least a second after the previous value, so that
 * {@code If-Modified-Since} never takes two versions for one. Each document's response headers are rendered with it
 * ({@link Rendered#headers}), so serving one from the cache formats, hashes and serializes nothing.
 */
final class StatusSnapshot {
    /** A document's bytes, its ETag, and every header of its {@code 200} answer but Content-Length (read-only). */
    record Rendered(byte[] body, String etag, HttpHeaders headers) {
    }

    private final Map<StatusDocument, Rendered> documents;
    private final Instant lastModified;

    private StatusSnapshot(Map<StatusDocument, Rendered> documents, Instant lastModified) {
        this.documents = documents;
        this.lastModified = lastModified;
    }

    static StatusSnapshot render(PublicStatus status, StatusPageProperties properties, StatusSnapshot previous, Instant now) {
        StatuspageJson json = new StatuspageJson(status, properties.baseUrl());
        Map<StatusDocument, byte[]> bodies = new EnumMap<>(StatusDocument.class);
        bodies.put(StatusDocument.PAGE, StatusPageHtml.render(status, properties.pageRefresh()));
        bodies.put(StatusDocument.SUMMARY, json.summary());
        bodies.put(StatusDocument.STATUS, json.status());
        bodies.put(StatusDocument.COMPONENTS, json.componentsDocument());
        bodies.put(StatusDocument.INCIDENTS, json.incidentsDocument());
        bodies.put(StatusDocument.UNRESOLVED, json.unresolvedDocument());
        bodies.put(StatusDocument.ATOM, AtomHistory.render(status, properties.baseUrl()));
        Map<StatusDocument, String> etags = new EnumMap<>(StatusDocument.class);
        bodies.forEach((document, body) -> etags.put(document, etag(body)));
        Instant lastModified = lastModified(etags, previous, now);
        Map<StatusDocument, Rendered> documents = new EnumMap<>(StatusDocument.class);
        bodies.forEach((document, body) -> documents.put(document, new Rendered(body, etags.get(document),
                StatusHeaders.of(document, etags.get(document), lastModified, properties))));
        return new StatusSnapshot(documents, lastModified);
    }

    private static Instant lastModified(Map<StatusDocument, String> etags, StatusSnapshot previous, Instant now) {
        Instant second = now.truncatedTo(ChronoUnit.SECONDS);
        if (previous == null) {
            return second;
        }
        if (previous.sameContentAs(etags)) {
            return previous.lastModified;
        }
        Instant after = previous.lastModified.plus(Duration.ofSeconds(1));
        return second.isAfter(after) ? second : after;
    }

    private boolean sameContentAs(Map<StatusDocument, String> etags) {
        return documents.entrySet().stream().allMatch(e -> e.getValue().etag().equals(etags.get(e.getKey())));
    }

    Rendered get(StatusDocument document) {
        return documents.get(document);
    }

    Instant lastModified() {
        return lastModified;
    }

    /** A strong ETag: the first 128 bits of the SHA-256 of the bytes, base64url. */
    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16)) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
