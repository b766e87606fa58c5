package io.clarion.gateway.subscriber;

import io.clarion.gateway.auth.Access;
import io.clarion.gateway.http.JsonBodies;
import io.clarion.gateway.problem.ProblemException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The public subscriber routes of a tenant's status page, no key: the sign-up form
 * ({@code GET /status/{tenant}/subscribe}), sign-up by JSON or by that form ({@code POST .../subscribers}, limited
 * per client address: 429 with {@code Retry-After} beyond), confirmation ({@code GET .../subscribers/confirm}) and
 * unsubscribe ({@code GET .../subscribers/unsubscribe} shows a button, {@code POST} unsubscribes: RFC 8058
 * one-click). Unknown tenants, tokens and used links answer 404 pages that say nothing more.
 */
@RestController
class SubscriberController {
    private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8);

    private final Subscriptions subscriptions;
    private final SubscriberStore store;
    private final SignupLimiter limiter;
    private final JsonBodies json;

    SubscriberController(Subscriptions subscriptions, SubscriberStore store, SignupLimiter limiter, JsonBodies json) {
        this.subscriptions = subscriptions;
        this.store = store;
        this.limiter = limiter;
        this.json = json;
    }

    @GetMapping("/status/{tenant}/subscribe")
    @Access.Public
    Mono<ResponseEntity<String>> form(@PathVariable String tenant) {
        return knownTenant(tenant).flatMap(store::tenantName)
                .map(name -> html(HttpStatus.OK, Pages.subscribeForm(tenant, name)))
                .defaultIfEmpty(html(HttpStatus.NOT_FOUND, Pages.invalidLink()));
    }

    @PostMapping(path = "/status/{tenant}/subscribers", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Access.Public
    Mono<ResponseEntity<Map<String, String>>> subscribe(@PathVariable String tenant, @RequestBody byte[] body,
                                                        ServerWebExchange exchange) {
        SubscribeRequest request = json.read(body, SubscribeRequest.class);
        return admit(request, exchange).then(signUp(tenant, request))
                .thenReturn(ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("status", "confirmation-sent")));
    }

    @PostMapping(path = "/status/{tenant}/subscribers", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    @Access.Public
    Mono<ResponseEntity<String>> subscribeByForm(@PathVariable String tenant, ServerWebExchange exchange) {
        return exchange.getFormData().map(SubscriberController::fromForm)
                .flatMap(request -> admit(request, exchange).then(signUp(tenant, request)))
                .thenReturn(html(HttpStatus.OK, Pages.checkInbox()))
                .onErrorResume(ProblemException.class, refused -> Mono.just(refused.status() == HttpStatus.TOO_MANY_REQUESTS
                        ? html(HttpStatus.TOO_MANY_REQUESTS, Pages.tooMany(retryAfter(exchange))) : html(refused.status(),
                        Pages.invalidLink())));
    }

    @GetMapping("/status/{tenant}/subscribers/confirm")
    @Access.Public
    Mono<ResponseEntity<String>> confirm(@PathVariable String tenant, @RequestParam(required = false) String token) {
        return knownTenant(tenant).flatMap(known -> subscriptions.confirm(known, token)).defaultIfEmpty(false)
                .map(confirmed -> confirmed ? html(HttpStatus.OK, Pages.confirmed())
                        : html(HttpStatus.NOT_FOUND, Pages.invalidLink()));
    }

    @GetMapping("/status/{tenant}/subscribers/unsubscribe")
    @Access.Public
    ResponseEntity<String> unsubscribePage(@PathVariable String tenant, @RequestParam(required = false) String token) {
        return subscriptions.genuine(tenant, token) ? html(HttpStatus.OK, Pages.unsubscribeForm(tenant, token))
                : html(HttpStatus.NOT_FOUND, Pages.invalidLink());
    }

    /** RFC 8058 one-click: the body ({@code List-Unsubscribe=One-Click}) is not needed, the token says it all. */
    @PostMapping("/status/{tenant}/subscribers/unsubscribe")
    @Access.Public
    Mono<ResponseEntity<String>> unsubscribe(@PathVariable String tenant, @RequestParam(required = false) String token) {
        return subscriptions.unsubscribe(tenant, token)
                .map(done -> done ? html(HttpStatus.OK, Pages.unsubscribed()) : html(HttpStatus.NOT_FOUND, Pages.invalidLink()));
    }

    private Mono<Void> signUp(String tenant, SubscribeRequest request) {
        return knownTenant(tenant).switchIfEmpty(Mono.error(() -> ProblemException.notFound("status page '" + tenant + "'")))
                .flatMap(known -> subscriptions.signUp(known, request));
    }

    /** Validates, then takes one sign-up of the client's address: a refused request costs no token. */
    private Mono<Void> admit(SubscribeRequest request, ServerWebExchange exchange) {
        var errors = request.validate();
        if (!errors.isEmpty()) {
            return Mono.error(ProblemException.invalid(errors));
        }
        Duration wait = limiter.take(clientAddress(exchange));
        if (wait.isZero()) {
            return Mono.empty();
        }
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        return Mono.error(ProblemException.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-signups",
                "too many sign-ups from this address; retry after " + seconds + " s"));
    }

    private static long retryAfter(ServerWebExchange exchange) {
        String header = exchange.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER);
        return header == null ? 60 : Long.parseLong(header);
    }

    private static String clientAddress(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }

    private static SubscribeRequest fromForm(MultiValueMap<String, String> form) {
        String components = form.getFirst("components");
        List<String> list = components == null || components.isBlank() ? List.of()
                : Arrays.stream(components.split(",")).map(String::strip).filter(c -> !c.isEmpty()).toList();
        return new SubscribeRequest(form.getFirst("email"), list);
    }

    private static Mono<String> knownTenant(String tenant) {
        return tenant != null && TENANT.matcher(tenant).matches() ? Mono.just(tenant) : Mono.empty();
    }

    private static ResponseEntity<String> html(HttpStatus status, String page) {
        return ResponseEntity.status(status).contentType(HTML)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").body(page);
    }
}
