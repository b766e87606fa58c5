package io.clarion.gateway.template;

import io.clarion.core.validation.Violations;
import io.clarion.gateway.auth.Access;
import io.clarion.gateway.auth.Caller;
import io.clarion.gateway.auth.Scope;
import io.clarion.gateway.http.JsonBodies;
import io.clarion.gateway.problem.ProblemException;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code PUT /v1/templates/{name}/locales/{locale}} (admin, a new version each time), {@code GET /v1/templates/{name}}
 * and the preview {@code POST /v1/templates/{name}:render}.
 */
@RestController
class TemplateController {
    private final TemplateStore store;
    private final JsonBodies json;
    private final TemplatePreview preview;

    TemplateController(TemplateStore store, JsonBodies json, TemplatePreview preview) {
        this.store = store;
        this.json = json;
        this.preview = preview;
    }

    @PutMapping("/v1/templates/{name}/locales/{locale}")
    @Access(Scope.ADMIN)
    Mono<ResponseEntity<Map<String, Object>>> put(@PathVariable String name, @PathVariable String locale,
                                                  @RequestBody byte[] body, ServerWebExchange exchange) {
        TemplateParts parts = json.read(body, TemplateParts.class);
        Violations v = new Violations().identifier("name", name);
        if (!isLocale(locale)) {
            v.add("locale", "'" + locale + "' is not a BCP 47 language tag (expected e.g. en, de-CH)");
        }
        var errors = v.addAll(parts.validate()).errors();
        if (!errors.isEmpty()) {
            return Mono.error(ProblemException.invalid(errors));
        }
        return store.put(Caller.of(exchange), name, locale, parts)
                .switchIfEmpty(Mono.error(() -> ProblemException.of(HttpStatus.CONFLICT, "conflict",
                        "another version of template '" + name + "' locale '" + locale + "' was put at the same time "
                                + "(expected: retry)")))
                .map(version -> ResponseEntity.status(HttpStatus.CREATED)
                        .body(Map.of("name", name, "locale", locale, "version", version)));
    }

    @GetMapping("/v1/templates/{name}")
    @Access(Scope.READ)
    Mono<TemplateStore.TemplateView> get(@PathVariable String name, ServerWebExchange exchange) {
        return store.find(Caller.of(exchange).tenant(), name)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("template '" + name + "'")));
    }

    /** What each channel would send the recipient for the update, after redaction; nothing is sent or stored. */
    @PostMapping("/v1/templates/{name}:render")
    @Access(Scope.READ)
    Mono<Map<String, Object>> render(@PathVariable String name, @RequestBody byte[] body, ServerWebExchange exchange) {
        TemplatePreview.Request request = json.read(body, TemplatePreview.Request.class);
        var errors = new Violations().required("incidentId", request.incidentId())
                .required("recipientId", request.recipientId()).errors();
        if (!errors.isEmpty()) {
            return Mono.error(ProblemException.invalid(errors));
        }
        return preview.render(Caller.of(exchange).tenant(), name, request);
    }

    private static boolean isLocale(String tag) {
        try {
            return !new Locale.Builder().setLanguageTag(tag).build().getLanguage().isEmpty();
        } catch (IllformedLocaleException e) {
            return false;
        }
    }
}
