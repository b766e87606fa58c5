package io.clarion.gateway.subscriber;

import io.clarion.core.digest.Sha256;
import io.clarion.core.subscriber.UnsubscribeLinks;
import io.clarion.gateway.audit.AuditLog;
import io.clarion.gateway.problem.ProblemException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Double opt-in subscriptions to a tenant's updates. A sign-up stores a pending subscriber and its confirmation
 * email in one transaction and answers the same whether the address is new, pending or already subscribed (so the
 * answer tells nobody who subscribes). Following the emailed link once confirms: the subscriber becomes a recipient
 * in segment {@code subscribers}. An unsubscribe token (see {@link UnsubscribeLinks}) removes the subscriber and
 * its recipient. Confirmations and unsubscriptions are audited with actor {@code subscriber}.
 */
@Service
class Subscriptions {
    private static final String ACTOR = "subscriber";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SubscriberStore store;
    private final ConfirmationNotices notices;
    private final AuditLog audit;
    private final TransactionalOperator tx;
    private final SubscriberProperties properties;
    private final SubscriberLinks links;

    Subscriptions(SubscriberStore store, ConfirmationNotices notices, AuditLog audit, TransactionalOperator tx,
                  SubscriberLinks links, SubscriberProperties properties) {
        this.links = links;
        this.store = store;
        this.notices = notices;
        this.audit = audit;
        this.tx = tx;
        this.properties = properties;
    }

    /** Stores a sign-up and sends its confirmation (unless one went to this address moments ago). */
    Mono<Void> signUp(String tenant, SubscribeRequest request) {
        String token = newToken();
        String id = request.subscriberId();
        String email = request.email().strip();
        var signUp = new SubscriberStore.SignUp(tenant, id, email, request.components(), hash(token),
                Instant.now().plus(properties.confirmValidity()));
        return requireConfigured().then(store.tenantName(tenant))
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("status page '" + tenant + "'")))
                .flatMap(name -> store.signUp(signUp, properties.resendAfter())
                        .flatMap(send -> send ? notices.append(tenant, name, id, email, token) : Mono.empty()))
                .as(tx::transactional)
                .then(Mono.fromRunnable(notices::nudge));
    }

    /** Uses a confirmation token; emits whether it confirmed a subscription. */
    Mono<Boolean> confirm(String tenant, String token) {
        if (token == null || token.isBlank()) {
            return Mono.just(false);
        }
        return store.confirm(tenant, hash(token))
                .flatMap(confirmed -> store.becomeRecipient(confirmed)
                        .then(audit.record(ACTOR, tenant, "subscriber.confirmed", "subscriber/" + confirmed.id(),
                                Map.of("components", confirmed.components())))
                        .thenReturn(true))
                .defaultIfEmpty(false)
                .as(tx::transactional);
    }

    /** Whether {@code token} is a genuine unsubscribe token of {@code tenant} (checked before any page is shown). */
    boolean genuine(String tenant, String token) {
        return properties.configured() && links.unsubscribe().verify(tenant, token).isPresent();
    }

    /** Ends the subscription {@code token} names; emits false for a token that is not genuine. */
    Mono<Boolean> unsubscribe(String tenant, String token) {
        if (!properties.configured()) {
            return Mono.just(false);
        }
        return Mono.justOrEmpty(links.unsubscribe().verify(tenant, token))
                .flatMap(id -> store.unsubscribe(tenant, id)
                        .flatMap(removed -> removed ? audit.record(ACTOR, tenant, "subscriber.unsubscribed",
                                "subscriber/" + id, Map.of()) : Mono.empty())
                        .thenReturn(true)
                        .as(tx::transactional))
                .defaultIfEmpty(false);
    }

    private Mono<Void> requireConfigured() {
        return properties.configured() ? Mono.empty() : Mono.error(ProblemException.of(HttpStatus.SERVICE_UNAVAILABLE,
                "subscribers-off", "subscriptions are off: clarion.subscribers.token-key is not set"));
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String hash(String token) {
        return HexFormat.of().formatHex(Sha256.of(token));
    }
}
