package io.clarion.gateway.statuspage;

import java.time.Instant;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;

/**
 * The headers of a status document's {@code 200} answer, rendered once with the document: ETag, Last-Modified,
 * Cache-Control, Content-Type and the document's own (the page's Content-Security-Policy, the JSON's and feed's
 * CORS). Read-only, shared by every request that gets that version.
 */
final class StatusHeaders {
    private StatusHeaders() {
    }

    static HttpHeaders of(StatusDocument document, String etag, Instant lastModified, StatusPageProperties properties) {
        HttpHeaders headers = new HttpHeaders();
        headers.setETag(etag);
        headers.setLastModified(lastModified);
        headers.setCacheControl(cacheControl(properties));
        headers.setContentType(document.type());
        headers.set("X-Content-Type-Options", "nosniff");
        if (document == StatusDocument.PAGE) {
            headers.set("Content-Security-Policy", StatusPageStyle.CONTENT_SECURITY_POLICY);
            headers.set("Referrer-Policy", "no-referrer");
        } else {
            headers.set("Access-Control-Allow-Origin", "*"); // widgets on customers' own sites read these
        }
        return HttpHeaders.readOnlyHttpHeaders(headers);
    }

    private static CacheControl cacheControl(StatusPageProperties properties) {
        return CacheControl.maxAge(properties.maxAge()).cachePublic()
                .staleWhileRevalidate(properties.staleWhileRevalidate()).staleIfError(properties.staleIfError());
    }
}
