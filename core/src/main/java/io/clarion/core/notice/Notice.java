package io.clarion.core.notice;

import static java.util.Objects.requireNonNull;

/**
 * One transactional email that is not an incident update (a subscriber's confirmation request): the record on
 * {@code clarion.notices}, written by the gateway through its outbox and sent by the dispatcher's email channel.
 * {@code id} is stable (the same on a redelivery), so the email's Message-ID lets a receiver drop a duplicate.
 * {@code text} and {@code html} are complete; the dispatcher adds only the headers.
 */
public record Notice(String id, String tenant, String recipientId, String to, String subject, String text,
                     String html) {
    public Notice {
        requireNonNull(id, "id");
        requireNonNull(tenant, "tenant");
        requireNonNull(recipientId, "recipientId");
        requireNonNull(to, "to");
        requireNonNull(subject, "subject");
        requireNonNull(text, "text");
        requireNonNull(html, "html");
    }

    @Override
    public String toString() {
        return "Notice[id=" + id + ", tenant=" + tenant + ", recipient=" + recipientId + "]";
    }
}
