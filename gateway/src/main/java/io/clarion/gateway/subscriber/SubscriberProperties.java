package io.clarion.gateway.subscriber;

import io.clarion.core.subscriber.UnsubscribeLinks;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Status-page subscribers ({@code /status/{tenant}/subscribers}). The dispatcher reads the same
 * {@code clarion.subscribers.token-key} and {@code public-url} to put the one-click unsubscribe link in every
 * email to a subscriber.
 *
 * @param tokenKey          the secret of the unsubscribe tokens (HMAC-SHA256), at least 16 bytes; sign-up answers
 *                          503 until it is set. Never logged.
 * @param publicUrl         where people reach the gateway's public routes (links in emails), e.g.
 *                          {@code https://status.example.com}; unset: {@code http://127.0.0.1:<the gateway's port>},
 *                          fit for the local run only
 * @param signupBurst       sign-ups one client address may make at once
 * @param signupInterval    after the burst, one more sign-up per address per interval
 * @param trackedAddresses  client addresses whose sign-up buckets are kept in memory (least recently seen dropped)
 * @param confirmValidity   how long a confirmation link works
 * @param resendAfter       a sign-up for an address that was sent a confirmation less than this ago sends none
 */
@ConfigurationProperties("clarion.subscribers")
public record SubscriberProperties(String tokenKey,
                                   String publicUrl,
                                   @DefaultValue("5") int signupBurst,
                                   @DefaultValue("1m") Duration signupInterval,
                                   @DefaultValue("10000") int trackedAddresses,
                                   @DefaultValue("24h") Duration confirmValidity,
                                   @DefaultValue("1m") Duration resendAfter) {
    public SubscriberProperties {
        tokenKey = tokenKey == null || tokenKey.isBlank() ? null : tokenKey;
        publicUrl = publicUrl == null || publicUrl.isBlank() ? null : publicUrl.replaceAll("/+$", "");
        if (signupBurst < 1) {
            throw new IllegalArgumentException("clarion.subscribers.signup-burst: " + signupBurst + " (expected: > 0)");
        }
        if (signupInterval == null || signupInterval.isNegative() || signupInterval.isZero()) {
            throw new IllegalArgumentException("clarion.subscribers.signup-interval: " + signupInterval
                    + " (expected: > 0)");
        }
        if (trackedAddresses < 1) {
            throw new IllegalArgumentException("clarion.subscribers.tracked-addresses: " + trackedAddresses
                    + " (expected: > 0)");
        }
        if (confirmValidity == null || confirmValidity.isNegative() || confirmValidity.isZero()) {
            throw new IllegalArgumentException("clarion.subscribers.confirm-validity: " + confirmValidity
                    + " (expected: > 0)");
        }
        if (resendAfter == null || resendAfter.isNegative()) {
            throw new IllegalArgumentException("clarion.subscribers.resend-after: " + resendAfter + " (expected: >= 0)");
        }
        if (tokenKey != null) {
            new UnsubscribeLinks(tokenKey, "https://validation.invalid"); // checks the key now, not at the first sign-up
        }
    }

    boolean configured() {
        return tokenKey != null;
    }

    @Override
    public String toString() {
        return "SubscriberProperties[tokenKey=" + (configured() ? "***" : "unset") + ", publicUrl=" + publicUrl
                + ", signupBurst=" + signupBurst + ", signupInterval=" + signupInterval + ", trackedAddresses="
                + trackedAddresses + ", confirmValidity=" + confirmValidity + ", resendAfter=" + resendAfter + "]";
    }
}
