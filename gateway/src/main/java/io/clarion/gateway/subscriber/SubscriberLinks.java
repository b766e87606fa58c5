package io.clarion.gateway.subscriber;

import io.clarion.core.subscriber.UnsubscribeLinks;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Where the links in subscriber emails point: {@code clarion.subscribers.public-url}, or this gateway on loopback
 * when it is unset (the local run, where the port may be chosen at start). Never the request's {@code Host}
 * header, which a client controls.
 */
@Component
class SubscriberLinks {
    private final SubscriberProperties properties;
    private final Environment environment;

    SubscriberLinks(SubscriberProperties properties, Environment environment) {
        this.properties = properties;
        this.environment = environment;
    }

    String publicUrl() {
        return properties.publicUrl() != null ? properties.publicUrl()
                : "http://127.0.0.1:" + environment.getProperty("local.server.port", "8080");
    }

    /** The unsubscribe links; only when {@link SubscriberProperties#configured()}. */
    UnsubscribeLinks unsubscribe() {
        return new UnsubscribeLinks(properties.tokenKey(), publicUrl());
    }
}
