package io.clarion.core.delivery;

import static java.util.Objects.requireNonNull;

/** What one incident update says: the immutable content every channel renders. */
public record UpdateContent(String severity, String status, String title, String body) {
    public UpdateContent {
        requireNonNull(severity, "severity");
        requireNonNull(status, "status");
        requireNonNull(title, "title");
        requireNonNull(body, "body");
    }
}
