package io.clarion.gateway.playbook;

import io.clarion.core.playbook.Playbook;
import io.clarion.gateway.auth.Caller;
import io.clarion.gateway.broadcast.Broadcasts;
import io.clarion.gateway.problem.ProblemException;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Runs the most specific playbook matching an incident (see {@link Playbook#mostSpecific}): submits its
 * broadcast of the given version, as the caller, in the caller's transaction. No matching playbook is a
 * {@code 422}, so the caller's transaction (the update that asked for the playbook) rolls back.
 */
@Component
public class PlaybookRunner {
    private final PlaybookStore store;
    private final Broadcasts broadcasts;

    PlaybookRunner(PlaybookStore store, Broadcasts broadcasts) {
        this.store = store;
        this.broadcasts = broadcasts;
    }

    /** The incident a playbook is chosen for, as it is at this version. */
    public record Incident(String id, int version, String severity, List<String> tags, List<String> services) {
    }

    /** Submits the chosen playbook's broadcast; emits its id; 422 when no playbook matches. */
    public Mono<String> run(Caller caller, Incident incident) {
        return store.all(caller.tenant())
                .flatMap(playbooks -> Mono.justOrEmpty(Playbook.mostSpecific(playbooks, incident.severity(), incident.tags())))
                .switchIfEmpty(Mono.error(() -> ProblemException.unprocessable("broadcast", "no playbook matches incident '"
                        + incident.id() + "' (severity " + incident.severity() + ", tags " + incident.tags() + ")")))
                .flatMap(playbook -> submit(caller, incident, playbook));
    }

    /** As {@link #run}, but no matching playbook is no broadcast (empty), not an error. */
    public Mono<String> runIfAny(Caller caller, Incident incident) {
        return store.all(caller.tenant())
                .flatMap(playbooks -> Mono.justOrEmpty(Playbook.mostSpecific(playbooks, incident.severity(), incident.tags())))
                .flatMap(playbook -> submit(caller, incident, playbook));
    }

    private Mono<String> submit(Caller caller, Incident incident, Playbook playbook) {
        return broadcasts.submit(caller, incident.id(), incident.version(), playbook.audience().segmentsOrEmpty(),
                playbook.audience().withAffectedServices() ? incident.services() : List.of(),
                playbook.channels(), playbook.approval(), playbook.outreach());
    }
}
