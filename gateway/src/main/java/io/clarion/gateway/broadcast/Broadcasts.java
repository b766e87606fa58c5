package io.clarion.gateway.broadcast;

import io.clarion.core.broadcast.Approval;
import io.clarion.core.broadcast.Outreach;
import io.clarion.gateway.auth.Caller;
import java.util.List;
import reactor.core.publisher.Mono;
import org.springframework.stereotype.Component;

/**
 * Broadcasts submitted by the gateway's own features (a playbook run) rather than by {@code POST /v1/broadcasts}:
 * accepted exactly as that route accepts them (approval, audience cap, audit), in the caller's transaction if
 * there is one, so a refused broadcast rolls back whatever the caller stored with it.
 */
@Component
public class Broadcasts {
    private static final String LOCATION = "/v1/broadcasts/";

    private final BroadcastAcceptance acceptance;

    Broadcasts(BroadcastAcceptance acceptance) {
        this.acceptance = acceptance;
    }

    /**
     * Submits a broadcast of {@code version}; {@code services} adds every recipient depending on one of them;
     * {@code outreach} (null: none) puts the recipients of its tiers on the outreach list instead.
     */
    public Mono<String> submit(Caller caller, String incidentId, int version, List<String> segments,
                               List<String> services, List<String> channels, Approval approval, Outreach outreach) {
        var request = new BroadcastRequest(incidentId, version, new BroadcastRequest.Audience(segments, List.of()),
                channels, approval, outreach);
        return acceptance.accept(caller, request, services, answer -> Mono.empty())
                .map(answer -> answer.location().substring(LOCATION.length()));
    }
}
