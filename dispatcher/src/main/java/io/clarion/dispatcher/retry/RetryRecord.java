package io.clarion.dispatcher.retry;

import static java.util.Objects.requireNonNull;

import io.clarion.core.delivery.DeliveryJob;
import java.time.Instant;

/** A record of the retry topic: the delivery to try again (with its attempt number), when, and why. */
record RetryRecord(DeliveryJob job, Instant dueAt, String reason) {
    RetryRecord {
        requireNonNull(job, "job");
        requireNonNull(dueAt, "dueAt");
        requireNonNull(reason, "reason");
    }
}
