package io.clarion.gateway.ingest;

import io.clarion.core.ingest.AlertmanagerMapping;
import io.clarion.core.ingest.IncidentSignal;
import io.clarion.core.ingest.PagerDutyMapping;
import io.clarion.core.ingest.PagerDutySignature;
import io.clarion.core.validation.FieldError;
import io.clarion.gateway.auth.Access;
import io.clarion.gateway.auth.Caller;
import io.clarion.gateway.auth.Scope;
import io.clarion.gateway.http.JsonBodies;
import io.clarion.gateway.problem.ProblemException;
import io.clarion.gateway.settings.SettingsStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Alerting tools' webhooks. Alertmanager cannot sign, so it sends a bearer key with scope {@code write};
 * PagerDuty signs the raw body with the tenant's {@code pagerdutySecret}, which is checked before the body is
 * read at all: a missing or wrong signature is {@code 401} and stores nothing. Both payloads are read
 * leniently (the tools add fields over time) through {@link IngestPayloads}.
 */
@RestController
class IngestController {
    private static final String ALERTMANAGER = "alertmanager";
    private static final String PAGERDUTY = "pagerduty";

    private final Ingestion ingestion;
    private final IngestPayloads payloads;
    private final SettingsStore settings;
    private final JsonBodies json;

    IngestController(Ingestion ingestion, IngestPayloads payloads, SettingsStore settings, JsonBodies json) {
        this.ingestion = ingestion;
        this.payloads = payloads;
        this.settings = settings;
        this.json = json;
    }

    @PostMapping("/v1/ingest/alertmanager")
    @Access(Scope.WRITE)
    Mono<ResponseEntity<Ingestion.Answer>> alertmanager(@RequestBody byte[] body, ServerWebExchange exchange) {
        List<String> problems = new ArrayList<>();
        IncidentSignal signal = AlertmanagerMapping.map(payloads.alertmanager(json.text(body)), problems).orElse(null);
        if (signal == null) {
            return Mono.error(ProblemException.invalid(problems.stream()
                    .map(p -> new FieldError(p.substring(0, p.indexOf(':')), p.substring(p.indexOf(':') + 2))).toList()));
        }
        return ingestion.ingest(Caller.of(exchange), ALERTMANAGER, signal).map(IngestController::accepted);
    }

    @PostMapping("/v1/ingest/pagerduty/{tenant}")
    @Access.Public
    Mono<ResponseEntity<?>> pagerduty(@PathVariable String tenant, @RequestBody byte[] body,
                                      @RequestHeader(name = "X-PagerDuty-Signature", required = false) String signature) {
        return settings.find(tenant)
                .filter(found -> PagerDutySignature.verify(found.pagerdutySecret(), body, signature))
                .switchIfEmpty(Mono.error(() -> ProblemException.of(HttpStatus.UNAUTHORIZED, "bad-signature",
                        "X-PagerDuty-Signature is missing or matches no v1 HMAC-SHA256 of the body under the tenant's "
                                + "pagerdutySecret")))
                .flatMap(verified -> {
                    PagerDutyMapping.Event event = payloads.pagerduty(json.text(body));
                    return PagerDutyMapping.map(event)
                            .<Mono<ResponseEntity<?>>>map(signal -> ingestion.ingest(pagerduty(tenant), PAGERDUTY, signal)
                                    .map(IngestController::accepted))
                            .orElseGet(() -> Mono.just(ResponseEntity.accepted()
                                    .body(Map.of("ignored", "event type " + event.eventType() + " changes no incident"))));
                });
    }

    /** The caller PagerDuty's signed events act as: no API key, the tenant's {@code pagerduty} integration. */
    private static Caller pagerduty(String tenant) {
        return new Caller(0, PAGERDUTY, tenant, Set.of(Scope.WRITE), null);
    }

    private static ResponseEntity<Ingestion.Answer> accepted(Ingestion.Answer answer) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(answer);
    }
}
