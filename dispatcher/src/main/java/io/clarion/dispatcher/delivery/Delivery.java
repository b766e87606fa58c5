package io.clarion.dispatcher.delivery;

import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.dispatcher.kafka.InboundRecord;

/**
 * One delivery as the stages see it, typed by how far it got: read from its record ({@link Delivery}), under a
 * granted claim ({@link Claimed}), and finally {@link Handled.Concluded} with its outcome. The render stage
 * replaces the job's content by what is sent ({@link #withJob}); from there the job travels unchanged to the
 * sender, the retry topic and the ledger, its tenant included.
 */
record Delivery(InboundRecord record, DeliveryJob job) {

    /** This delivery as rendered ({@code rendered}: the same job, redacted, with its template's message if any). */
    Delivery withJob(DeliveryJob rendered) {
        return new Delivery(record, rendered);
    }

    Claimed claimed(Lease lease) {
        return new Claimed(this, lease);
    }

    Handled.Concluded concluded(DeliveryOutcome outcome) {
        return new Handled.Concluded(record, job, outcome);
    }

    /** A delivery this dispatcher holds the claim of: it alone may send it until the lease is concluded. */
    record Claimed(Delivery delivery, Lease lease) {
        DeliveryJob job() {
            return delivery.job();
        }
    }
}
