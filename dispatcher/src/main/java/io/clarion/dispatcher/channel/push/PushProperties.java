package io.clarion.dispatcher.channel.push;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The push channel: FCM HTTP v1 and APNs. The channel is on when {@code fcm.project-id} or {@code apns.team-id}
 * is set; a device whose platform is not configured is suppressed. Private keys never appear in
 * {@link #toString()}.
 *
 * @param fcm             Firebase Cloud Messaging (Android, web and, through Firebase, iOS)
 * @param apns            Apple Push Notification service, provider-token (.p8) authentication
 * @param connectTimeout  time to open a connection
 * @param responseTimeout time from request sent to response headers
 * @param maxConnections  connections per provider (APNs multiplexes many streams over each)
 * @param maxDevices      device tokens a recipient is sent to per delivery; further tokens are ignored
 * @param timeToLive      how long a provider keeps an undelivered notification (FCM {@code android.ttl},
 *                        APNs {@code apns-expiration}); an incident update is stale after that
 */
@ConfigurationProperties("clarion.channels.push")
public record PushProperties(@DefaultValue Fcm fcm,
                             @DefaultValue Apns apns,
                             @DefaultValue("2s") Duration connectTimeout,
                             @DefaultValue("10s") Duration responseTimeout,
                             @DefaultValue("50") int maxConnections,
                             @DefaultValue("10") int maxDevices,
                             @DefaultValue("1h") Duration timeToLive) {
    public PushProperties {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("clarion.channels.push.max-connections: " + maxConnections
                    + " (expected: > 0)");
        }
        if (maxDevices < 1) {
            throw new IllegalArgumentException("clarion.channels.push.max-devices: " + maxDevices + " (expected: > 0)");
        }
    }

    /**
     * FCM HTTP v1 with a service account.
     *
     * @param projectId   the Firebase project; FCM is off when blank
     * @param clientEmail the service account's {@code client_email} (the JWT issuer)
     * @param privateKey  the service account's {@code private_key}: RSA, PKCS#8 PEM; never printed
     * @param privateKeyId the service account's {@code private_key_id} (the JWT {@code kid}), optional
     * @param tokenUri    the OAuth2 token endpoint (also the JWT audience)
     * @param baseUrl     the FCM API
     */
    public record Fcm(String projectId, String clientEmail, String privateKeyId, String privateKey,
                      @DefaultValue("https://oauth2.googleapis.com/token") String tokenUri,
                      @DefaultValue("https://fcm.googleapis.com") String baseUrl) {
        public boolean configured() {
            return projectId != null && !projectId.isBlank();
        }

        @Override
        public String toString() {
            return "Fcm[projectId=" + projectId + ", clientEmail=" + clientEmail + ", privateKeyId=" + privateKeyId
                    + ", privateKey=" + (privateKey == null ? "null" : "***") + ", tokenUri=" + tokenUri
                    + ", baseUrl=" + baseUrl + "]";
        }
    }

    /**
     * APNs with a provider token signing key.
     *
     * @param teamId     the Apple developer team (the JWT issuer); APNs is off when blank
     * @param keyId      the signing key's id (the JWT {@code kid})
     * @param privateKey the .p8 signing key: EC P-256, PKCS#8 PEM
     * @param bundleId   the app's bundle id, sent as {@code apns-topic}
     * @param baseUrl    {@code https://} uses TLS HTTP/2; {@code http://} (the sandbox) HTTP/2 cleartext
     */
    public record Apns(String teamId, String keyId, String privateKey, String bundleId,
                       @DefaultValue("https://api.push.apple.com") String baseUrl) {
        public boolean configured() {
            return teamId != null && !teamId.isBlank();
        }

        @Override
        public String toString() {
            return "Apns[teamId=" + teamId + ", keyId=" + keyId + ", privateKey="
                    + (privateKey == null ? "null" : "***") + ", bundleId=" + bundleId + ", baseUrl=" + baseUrl + "]";
        }
    }
}
