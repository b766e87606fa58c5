package io.clarion.dispatcher.delivery;

import io.clarion.core.delivery.DeliveryJob;
import io.clarion.core.delivery.DeliveryOutcome;
import io.clarion.dispatcher.kafka.InboundRecord;

/** What became of one consumed record: its delivery concluded, or the record parked in the dead-letter topic. */
sealed interface Handled {
    InboundRecord record();

    /** A delivery with its outcome; a retry is not final (its next attempt records the outcome). */
    record Concluded(InboundRecord record, DeliveryJob job, DeliveryOutcome outcome) implements Handled {
        boolean isFinal() {
            return !(outcome instanceof DeliveryOutcome.RetryLater);
        }
    }

    /** A record that is no delivery: parked with its error, nothing to record. */
    record DeadLettered(InboundRecord record) implements Handled {
    }
}
