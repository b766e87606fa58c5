package io.clarion.gateway.incident;

import io.clarion.gateway.auth.Caller;
import io.clarion.gateway.incident.IncidentRequests.UpdateRequest;
import io.clarion.gateway.playbook.PlaybookRunner;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Posts an update and, when it asks for one, runs the matching playbook for the new version, in one
 * transaction: an update whose playbook cannot run (none matches, a segment is gone) is not stored either.
 */
@Component
class IncidentUpdates {
    private final IncidentStore store;
    private final PlaybookRunner playbooks;
    private final TransactionalOperator tx;

    IncidentUpdates(IncidentStore store, PlaybookRunner playbooks, TransactionalOperator tx) {
        this.store = store;
        this.playbooks = playbooks;
        this.tx = tx;
    }

    /**
     * The new version (with the playbook's broadcast id, if it ran); empty when the incident does not exist.
     * {@code templateVersions}: the template version per locale the update pins (empty without a template).
     */
    Mono<IncidentStore.Version> add(Caller caller, String id, UpdateRequest update,
                                    Map<String, Integer> templateVersions) {
        if (!update.runsPlaybook()) {
            return store.addUpdate(caller, id, update, templateVersions);
        }
        return store.addUpdate(caller, id, update, templateVersions)
                .flatMap(version -> store.find(caller.tenant(), id)
                        .flatMap(incident -> playbooks.run(caller, new PlaybookRunner.Incident(id, version.version(),
                                incident.severity(), incident.tags(), incident.services())))
                        .map(broadcastId -> new IncidentStore.Version(id, version.version(), broadcastId)))
                .as(tx::transactional);
    }
}
