package io.clarion.gateway.broadcast;

import io.clarion.core.broadcast.BroadcastJob;
import io.clarion.gateway.http.JsonBodies;
import io.clarion.gateway.kafka.KafkaProperties;
import io.clarion.gateway.outbox.Outbox;
import io.clarion.gateway.outreach.OutreachList;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;

/**
 * Publishes a broadcast that may go out (accepted without approval, or released): its outbox record, which the
 * dispatchers expand, and its incident's outreach list, both in the caller's transaction, so a published broadcast
 * always has its outreach entries and one that is pending, rejected or rolled back has neither.
 */
@Component
class Publication {
    private static final TypeReference<BroadcastJob> JOB = new TypeReference<>() { };

    private final Outbox outbox;
    private final OutreachList outreach;
    private final JsonBodies json;
    private final String topic;

    Publication(Outbox outbox, OutreachList outreach, JsonBodies json, KafkaProperties kafka) {
        this.outbox = outbox;
        this.outreach = outreach;
        this.json = json;
        this.topic = kafka.broadcastsTopic();
    }

    /** Publishes {@code job}, whose outbox payload is {@code payload}; call inside the accepting transaction. */
    Mono<Void> publish(BroadcastJob job, String payload) {
        return outbox.append(topic, outboxKey(job), payload).then(outreach.fill(job));
    }

    /** Publishes the job stored (as its payload) with a broadcast that waited for approval. */
    Mono<Void> publish(String payload) {
        return publish(json.read(payload, JOB), payload);
    }

    /** Tells the outbox relay there is something to send; call after the transaction committed. */
    void nudge() {
        outbox.nudge();
    }

    /** The outbox key of a broadcast: its incident within its tenant, so an incident's records stay in order. */
    static String outboxKey(BroadcastJob job) {
        return job.tenant() + "/" + job.incidentId();
    }
}
