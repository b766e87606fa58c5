package io.clarion.gateway.incident;

import io.clarion.core.ingest.IncidentSignal;
import io.clarion.gateway.auth.Caller;
import io.clarion.gateway.incident.IncidentRequests.IncidentRequest;
import io.clarion.gateway.incident.IncidentRequests.UpdateRequest;
import io.clarion.gateway.playbook.PlaybookRunner;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Incidents fed by alerting tools: puts the incident a signal names, posts its update as the next version,
 * and runs the matching playbook if there is one (no playbook is no broadcast, not a refusal: the tool would
 * retry forever). Runs in the caller's transaction, so the caller's dedupe record and all of this commit
 * together.
 */
@Component
public class IncidentFeed {
    private final IncidentStore store;
    private final PlaybookRunner playbooks;

    IncidentFeed(IncidentStore store, PlaybookRunner playbooks) {
        this.store = store;
        this.playbooks = playbooks;
    }

    /** The version the signal became and the broadcast its playbook started (null: none matched). */
    public record Recorded(String incidentId, int version, String broadcastId) {
    }

    public Mono<Recorded> record(Caller caller, IncidentSignal signal) {
        String title = cut(signal.title(), 500);
        var incident = new IncidentRequest(title, signal.severity(), signal.tags(), signal.services(), null);
        var update = new UpdateRequest(signal.status(), cut(signal.body(), IncidentRequests.MAX_BODY), null, null, null);
        return store.upsert(caller, signal.incidentId(), incident)
                .then(store.addUpdate(caller, signal.incidentId(), update, Map.of()))
                .flatMap(version -> playbooks.runIfAny(caller, new PlaybookRunner.Incident(signal.incidentId(),
                                version.version(), signal.severity(), signal.tags(), signal.services()))
                        .map(broadcastId -> new Recorded(signal.incidentId(), version.version(), broadcastId))
                        .defaultIfEmpty(new Recorded(signal.incidentId(), version.version(), null)));
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
