package io.clarion.dispatcher.channel.email;

import io.clarion.core.subscriber.UnsubscribeLinks;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The gateway's subscriber settings that the email channel needs (the same {@code clarion.subscribers.*} keys as the
 * gateway's): with a {@code token-key}, every email to a status-page subscriber ({@code sub-...} recipients) carries
 * that subscriber's one-click unsubscribe link instead of {@code clarion.channels.email.unsubscribe-url}.
 *
 * @param tokenKey  the secret of the unsubscribe tokens, shared with the gateway; never logged
 * @param publicUrl where people reach the gateway's public routes
 */
@ConfigurationProperties("clarion.subscribers")
public record SubscriberLinkProperties(String tokenKey, @DefaultValue("http://127.0.0.1:8080") String publicUrl) {

    /** The links, or {@code null} when no token key is set. */
    UnsubscribeLinks links() {
        return tokenKey == null || tokenKey.isBlank() ? null : new UnsubscribeLinks(tokenKey, publicUrl);
    }

    @Override
    public String toString() {
        return "SubscriberLinkProperties[tokenKey=" + (links() == null ? "unset" : "***") + ", publicUrl=" + publicUrl + "]";
    }
}
