package io.clarion.gateway.ratelimit;

import io.clarion.core.channel.Channel;
import io.clarion.core.ratelimit.BucketName;
import io.clarion.core.ratelimit.RateLimitDefaults;
import io.clarion.core.ratelimit.RateLimitPolicy;
import io.clarion.core.validation.FieldError;
import io.clarion.gateway.auth.Access;
import io.clarion.gateway.auth.Caller;
import io.clarion.gateway.auth.Scope;
import io.clarion.gateway.http.JsonBodies;
import io.clarion.gateway.problem.ProblemException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code GET /v1/admin/rate-limits}, {@code GET/PUT /v1/admin/rate-limits/{bucket}} (operator scope):
 * every bucket with its policy (set here, or the default of its kind) and its current fill. A policy
 * set here is obeyed by every dispatcher within {@code clarion.rate-limits.refresh-interval}.
 */
@RestController
class RateLimitController {
    private final RateLimitStore store;
    private final BucketFill fill;
    private final JsonBodies json;

    RateLimitController(RateLimitStore store, BucketFill fill, JsonBodies json) {
        this.store = store;
        this.fill = fill;
        this.json = json;
    }

    record PolicyRequest(Long capacity, Long refillTokens, Duration refillPeriod) {
    }

    record BucketView(String bucket, String kind, String source, long capacity, long refillTokens,
                      Duration refillPeriod, double perSecond, long version, Long availableTokens) {
    }

    record Buckets(List<BucketView> buckets) {
    }

    @GetMapping("/v1/admin/rate-limits")
    @Access(Scope.OPERATOR)
    Mono<Buckets> list() {
        return Mono.zip(store.all(), store.tenants())
                .flatMapMany(found -> Flux.fromIterable(names(found.getT1().keySet(), found.getT2()))
                        .concatMap(name -> view(name, found.getT1())))
                .collectList()
                .map(Buckets::new);
    }

    @GetMapping("/v1/admin/rate-limits/{bucket}")
    @Access(Scope.OPERATOR)
    Mono<BucketView> get(@PathVariable String bucket) {
        kindOf(bucket);
        return store.all().flatMap(overrides -> view(bucket, overrides));
    }

    @PutMapping("/v1/admin/rate-limits/{bucket}")
    @Access(Scope.OPERATOR)
    Mono<BucketView> put(@PathVariable String bucket, @RequestBody byte[] body, ServerWebExchange exchange) {
        kindOf(bucket);
        PolicyRequest request = json.read(body, PolicyRequest.class);
        List<FieldError> errors = RateLimitPolicy.validate(orZero(request.capacity()), orZero(request.refillTokens()),
                request.refillPeriod());
        if (!errors.isEmpty()) {
            return Mono.error(ProblemException.invalid(errors));
        }
        var policy = new RateLimitPolicy(request.capacity(), request.refillTokens(), request.refillPeriod(), 0);
        return store.put(Caller.of(exchange), bucket, policy).flatMap(stored -> view(bucket, Map.of(bucket, stored)));
    }

    private static List<String> names(java.util.Set<String> overridden, List<String> tenants) {
        TreeSet<String> names = new TreeSet<>(overridden);
        for (Channel channel : Channel.values()) {
            names.add(BucketName.provider(channel, RateLimitDefaults.PROVIDER_ACCOUNT));
            tenants.forEach(tenant -> names.add(BucketName.tenant(tenant, channel)));
        }
        names.add(BucketName.RECIPIENT_POLICY);
        return new ArrayList<>(names);
    }

    private Mono<BucketView> view(String bucket, Map<String, RateLimitPolicy> overrides) {
        BucketName.Kind kind = kindOf(bucket);
        RateLimitPolicy policy = overrides.getOrDefault(bucket, RateLimitDefaults.of(kind));
        String source = overrides.containsKey(bucket) ? "admin" : "default";
        Mono<Long> available = kind == BucketName.Kind.RECIPIENT ? Mono.empty() : fill.available(bucket, policy);
        return available.map(tokens -> view(bucket, kind, source, policy, tokens))
                .defaultIfEmpty(view(bucket, kind, source, policy, null));
    }

    private static BucketView view(String bucket, BucketName.Kind kind, String source, RateLimitPolicy policy,
                                   Long available) {
        return new BucketView(bucket, kind.name().toLowerCase(java.util.Locale.ROOT), source, policy.capacity(),
                policy.refillTokens(), policy.refillPeriod(), policy.perSecond(), policy.version(), available);
    }

    private static BucketName.Kind kindOf(String bucket) {
        return BucketName.kindOf(bucket).orElseThrow(() -> ProblemException.notFound("rate-limit bucket '" + bucket
                + "' (expected: provider:<channel>:<account>, tenant:<tenant id>:<channel> or recipient)"));
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
