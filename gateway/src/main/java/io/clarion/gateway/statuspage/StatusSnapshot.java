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

/**
 * Every representation of one tenant's status page, rendered once from one {@link PublicStatus} and served to
 * every request until the next change. The ETag of each is a hash of its bytes, so every gateway gives the same
 * content the same ETag. {@code lastModified} is when this gateway first saw the content differ from what it
 * served before, whole seconds, and always at least a second after the previous value, so that
 * {@code If-Modified-Since} never takes two versions for one.
 */
final class StatusSnapshot {
    record Rendered(byte[] body, String etag) {
    }

    private final Map<StatusDocument, Rendered> documents;
    private final Instant lastModified;

    private StatusSnapshot(Map<StatusDocument, Rendered> documents, Instant lastModified) {
        this.documents = documents;
        this.lastModified = lastModified;
    }

    static StatusSnapshot render(PublicStatus status, StatusPageProperties properties, StatusSnapshot previous, Instant now) {
        StatuspageJson json = new StatuspageJson(status, properties.baseUrl());
        Map<StatusDocument, Rendered> documents = new EnumMap<>(StatusDocument.class);
        documents.put(StatusDocument.PAGE, rendered(StatusPageHtml.render(status, properties.pageRefresh())));
        documents.put(StatusDocument.SUMMARY, rendered(json.summary()));
        documents.put(StatusDocument.STATUS, rendered(json.status()));
        documents.put(StatusDocument.COMPONENTS, rendered(json.componentsDocument()));
        documents.put(StatusDocument.INCIDENTS, rendered(json.incidentsDocument()));
        documents.put(StatusDocument.UNRESOLVED, rendered(json.unresolvedDocument()));
        documents.put(StatusDocument.ATOM, rendered(AtomHistory.render(status, properties.baseUrl())));
        return new StatusSnapshot(documents, lastModified(documents, previous, now));
    }

    private static Instant lastModified(Map<StatusDocument, Rendered> documents, StatusSnapshot previous, Instant now) {
        Instant second = now.truncatedTo(ChronoUnit.SECONDS);
        if (previous == null) {
            return second;
        }
        if (previous.sameContentAs(documents)) {
            return previous.lastModified;
        }
        Instant after = previous.lastModified.plus(Duration.ofSeconds(1));
        return second.isAfter(after) ? second : after;
    }

    private boolean sameContentAs(Map<StatusDocument, Rendered> other) {
        return documents.entrySet().stream().allMatch(e -> e.getValue().etag().equals(other.get(e.getKey()).etag()));
    }

    Rendered get(StatusDocument document) {
        return documents.get(document);
    }

    Instant lastModified() {
        return lastModified;
    }

    private static Rendered rendered(byte[] body) {
        return new Rendered(body, etag(body));
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
