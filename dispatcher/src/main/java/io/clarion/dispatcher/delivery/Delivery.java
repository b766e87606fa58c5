package io.clarion.dispatcher.delivery;

import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.dispatcher.kafka.InboundRecord;

/**
 * One delivery as the stages see it, typed by how far it got: read from its record ({@link Delivery}), under a
 * granted claim ({@link Claimed}), rendered ({@link Rendered}), and finally {@link Handled.Concluded} with its
 * outcome. The job travels unchanged from the record to the ledger, its tenant included.
 */
record Delivery(InboundRecord record, DeliveryJob job) {

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

        Rendered rendered(RenderedMessage message) {
            return new Rendered(this, message);
        }
    }

    /** A claimed delivery with the message to send. */
    record Rendered(Claimed claimed, RenderedMessage message) {
        DeliveryJob job() {
            return claimed.job();
        }
    }
}
