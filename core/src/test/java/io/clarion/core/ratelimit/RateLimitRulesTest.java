package io.clarion.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clarion.core.channel.Channel;
import io.clarion.core.validation.FieldError;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitRulesTest {

    @Test
    void bucketNamesSayWhatTheyLimit() {
        assertThat(BucketName.provider(Channel.EMAIL, "default")).isEqualTo("provider:email:default");
        assertThat(BucketName.tenant("pagerduty", Channel.SMS)).isEqualTo("tenant:pagerduty:sms");
        assertThat(BucketName.kindOf("provider:email:default")).hasValue(BucketName.Kind.PROVIDER);
        assertThat(BucketName.kindOf("tenant:pagerduty:sms")).hasValue(BucketName.Kind.TENANT);
        assertThat(BucketName.kindOf("recipient")).hasValue(BucketName.Kind.RECIPIENT);
    }

    @Test
    void unknownBucketsAndChannelsAreNotOurs() {
        assertThat(BucketName.kindOf("provider:fax:default")).isEmpty();
        assertThat(BucketName.kindOf("tenant:x:carrier-pigeon")).isEmpty();
        assertThat(BucketName.kindOf("recipient:r-1")).isEmpty();
        assertThat(BucketName.kindOf("provider:email:has space")).isEmpty();
    }

    @Test
    void aPolicyKnowsItsLongRunRate() {
        assertThat(new RateLimitPolicy(20, 200, Duration.ofSeconds(1), 1).perSecond()).isEqualTo(200.0);
        assertThat(new RateLimitPolicy(20, 60, Duration.ofHours(1), 1).perSecond()).isEqualTo(60 / 3600.0);
    }

    @Test
    void badPoliciesAreRefusedWithEveryReason() {
        assertThat(RateLimitPolicy.validate(0, -1, Duration.ZERO)).extracting(FieldError::field)
                .containsExactly("capacity", "refillTokens", "refillPeriod");
        assertThatThrownBy(() -> new RateLimitPolicy(1, 1, Duration.ofDays(2), 1))
                .hasMessage("refillPeriod: PT48H (expected: between PT0.001S and P1D)");
    }

    @Test
    void aSplitPolicyAllowsTogetherExactlyWhatTheWholeAllows() {
        RateLimitPolicy whole = new RateLimitPolicy(50, 1_000, Duration.ofSeconds(1), 3);

        RateLimitPolicy.Split split = whole.split(0.2).orElseThrow();

        assertThat(split.urgent()).isEqualTo(new RateLimitPolicy(10, 200, Duration.ofSeconds(1), 3));
        assertThat(split.bulk()).isEqualTo(new RateLimitPolicy(40, 800, Duration.ofSeconds(1), 3));
        assertThat(whole.split(0)).isEmpty();
        assertThat(new RateLimitPolicy(2, 2, Duration.ofSeconds(1), 0).split(0.2)).as("too small to split").isEmpty();
    }
}
