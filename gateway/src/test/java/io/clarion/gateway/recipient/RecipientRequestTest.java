package io.clarion.gateway.recipient;

import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.core.validation.FieldError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecipientRequestTest {

    @Test
    void aCompleteRecipientIsValid() {
        var recipient = new RecipientRequest("r-1", "en-US", "enterprise", "eu", "Europe/Berlin", List.of("api"),
                Map.of("plan", "gold"), new RecipientRequest.Contacts("ops@example.com", "+15550100001",
                List.of(new RecipientRequest.PushToken("fcm", "tok-1")),
                new RecipientRequest.Webhook("https://hooks.example.com/r-1", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")));
        assertThat(recipient.validate()).isEmpty();
    }

    @Test
    void everyBadContactPointIsNamed() {
        var recipient = new RecipientRequest("r-1", null, null, null, "Mars/Olympus", null, null,
                new RecipientRequest.Contacts("not-an-email", "5550100", List.of(new RecipientRequest.PushToken("wns", "")),
                        new RecipientRequest.Webhook("ftp://example.com", null)));
        assertThat(recipient.validate()).extracting(FieldError::field).containsExactlyInAnyOrder(
                "timeZone", "contacts.email", "contacts.sms", "contacts.push[0].platform", "contacts.push[0].token",
                "contacts.webhook.url", "contacts.webhook.secret");
    }

    @Test
    void aWebhookSecretFollowsTheCoreRule() {
        assertThat(webhookSecretErrors("whsec_")).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("contacts.webhook.secret");
            assertThat(e.reason()).contains("expected: 'whsec_' followed by standard base64 of 24 to 64 bytes");
        });
        assertThat(webhookSecretErrors("short")).extracting(FieldError::field).containsExactly("contacts.webhook.secret");
        assertThat(webhookSecretErrors("a-plain-secret-of-enough-length")).isEmpty();
    }

    private static List<FieldError> webhookSecretErrors(String secret) {
        return new RecipientRequest("r-1", null, null, null, null, null, null, new RecipientRequest.Contacts(null, null,
                null, new RecipientRequest.Webhook("https://x.example", secret))).validate();
    }

    @Test
    void answersNeverCarryTheWebhookSecret() {
        var recipient = new RecipientRequest("r-1", null, null, null, null, null, null,
                new RecipientRequest.Contacts(null, null, null, new RecipientRequest.Webhook("https://x.example", "s3")));
        assertThat(recipient.redacted().contacts().webhook().secret()).isEqualTo("***");
        assertThat(recipient.redacted().contacts().webhook().url()).isEqualTo("https://x.example");
    }

    @Test
    void anImportLineNeedsAnId() {
        assertThat(new RecipientRequest(null, null, null, null, null, null, null, null).validate())
                .extracting(FieldError::field).containsExactly("id");
    }
}
