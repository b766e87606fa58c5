package io.clarion.dispatcher.channel.push;

import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/** The push channel is on when at least one provider is configured: FCM's project id or APNs' team id. */
class PushConfigured extends AnyNestedCondition {
    PushConfigured() {
        super(ConfigurationPhase.REGISTER_BEAN);
    }

    @ConditionalOnProperty("clarion.channels.push.fcm.project-id")
    static class Fcm {
    }

    @ConditionalOnProperty("clarion.channels.push.apns.team-id")
    static class Apns {
    }
}
