package io.clarion.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookSecretTest {
    @Test
    void aStandardWebhooksSecretIsItsDecodedBytes() {
        byte[] bytes = new byte[32];
        bytes[0] = 7;
        String secret = "whsec_" + Base64.getEncoder().encodeToString(bytes);

        assertThat(WebhookSecret.problem(secret)).isEmpty();
        assertThat(WebhookSecret.key(secret)).isEqualTo(bytes);
    }

    @Test
    void decodedLengthsFrom24To64BytesAreAccepted() {
        assertThat(WebhookSecret.problem(whsec(24))).isEmpty();
        assertThat(WebhookSecret.problem(whsec(64))).isEmpty();
        assertThat(WebhookSecret.problem(whsec(23))).hasValueSatisfying(r -> assertThat(r).contains("23 bytes"));
        assertThat(WebhookSecret.problem(whsec(65))).hasValueSatisfying(r -> assertThat(r).contains("65 bytes"));
    }

    @Test
    void aPlainSecretOfSixteenCharactersIsItsUtf8Bytes() {
        assertThat(WebhookSecret.key("sixteen-chars-ok")).isEqualTo("sixteen-chars-ok".getBytes(StandardCharsets.UTF_8));
        assertThat(WebhookSecret.problem("fifteen-chars-x")).hasValueSatisfying(r -> assertThat(r)
                .contains("15 characters").contains("expected"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"whsec_", "whsec_not base64 at all, though long", "whsec_c2VjcmV0",
            "whsec_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_"})
    void aWhsecSecretMustBeStandardBase64OfEnoughBytesWhateverItsLength(String secret) {
        assertThat(WebhookSecret.problem(secret)).isPresent();
        assertThatThrownBy(() -> WebhookSecret.key(secret)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("webhook secret: ");
    }

    @Test
    void aReasonNeverRepeatsTheSecret() {
        assertThat(WebhookSecret.problem("whsec_c2VjcmV0")).hasValueSatisfying(r -> assertThat(r).doesNotContain("c2VjcmV0"));
        assertThat(WebhookSecret.problem("short-secret")).hasValueSatisfying(r -> assertThat(r).doesNotContain("short-secret"));
    }

    @Test
    void noSecretIsAProblem() {
        assertThat(WebhookSecret.problem(null)).hasValueSatisfying(r -> assertThat(r).startsWith("is required"));
    }

    @Test
    void signingRefusesWhatTheRuleRefuses() {
        assertThatThrownBy(() -> WebhookSignature.sign("whsec_", "msg", 1, "{}"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String whsec(int bytes) {
        return "whsec_" + Base64.getEncoder().encodeToString(new byte[bytes]);
    }
}
