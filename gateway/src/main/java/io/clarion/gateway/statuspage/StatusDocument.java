package io.clarion.gateway.statuspage;

import org.springframework.http.MediaType;

/** The representations of a tenant's status page, each served from the cache with its own ETag. */
enum StatusDocument {
    PAGE("text/html;charset=UTF-8"),
    SUMMARY("application/json"),
    STATUS("application/json"),
    COMPONENTS("application/json"),
    INCIDENTS("application/json"),
    UNRESOLVED("application/json"),
    ATOM("application/atom+xml;charset=UTF-8");

    private final MediaType type;

    StatusDocument(String type) {
        this.type = MediaType.parseMediaType(type);
    }

    MediaType type() {
        return type;
    }
}
