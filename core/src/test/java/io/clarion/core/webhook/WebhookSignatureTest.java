package io.clarion.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    // The example of the Standard Webhooks specification.
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330;
    private static final String BODY = "{\"test\": 2432232314}";

    @Test
    void signsAsTheStandardWebhooksSpecificationDoes() {
        assertThat(WebhookSignature.sign(SECRET, ID, TIMESTAMP, BODY))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void aSecretThatYieldsNoKeyIsNotUsable() {
        assertThat(WebhookSignature.isUsable("whsec_")).isFalse();
        assertThat(WebhookSignature.isUsable(null)).isFalse();
        assertThat(WebhookSignature.isUsable("")).isFalse();
        assertThat(WebhookSignature.isUsable(SECRET)).isTrue();
        assertThat(WebhookSignature.isUsable("plain-string")).isTrue();
    }

    @Test
    void verifiesAnyOfSeveralSignaturesAndRejectsATamperedBody() {
        String header = "v1,bm90LWl0 " + WebhookSignature.sign(SECRET, ID, TIMESTAMP, BODY);
        assertThat(WebhookSignature.verify(SECRET, ID, TIMESTAMP, BODY, header)).isTrue();
        assertThat(WebhookSignature.verify(SECRET, ID, TIMESTAMP, BODY + " ", header)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, ID, TIMESTAMP + 1, BODY, header)).isFalse();
    }

    @Test
    void aPlainSecretIsUsedAsItsBytes() {
        String signature = WebhookSignature.sign("plain-secret", ID, TIMESTAMP, BODY);
        assertThat(WebhookSignature.verify("plain-secret", ID, TIMESTAMP, BODY, signature)).isTrue();
        assertThat(WebhookSignature.verify("other-secret", ID, TIMESTAMP, BODY, signature)).isFalse();
    }
}
