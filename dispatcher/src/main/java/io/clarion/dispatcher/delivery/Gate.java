package io.clarion.dispatcher.delivery;

import io.clarion.core.delivery.DeliveryOutcome;
import reactor.core.publisher.Mono;

/** The version gate's answer: the delivery may go on under a lease, or it ends here with an outcome. */
sealed interface Gate {

    /** Gives back what the gate took, if anything; the pipeline's cleanup after errors and cancellation. */
    Mono<Void> release();

    /** The claim was granted. */
    record Open(Lease lease) implements Gate {
        public Mono<Void> release() {
            return lease.releaseIfOpen();
        }
    }

    /** Not sent: superseded by a newer version, or the replay of an earlier settlement. Nothing was taken. */
    record Closed(DeliveryOutcome outcome) implements Gate {
        public Mono<Void> release() {
            return Mono.empty();
        }
    }
}
