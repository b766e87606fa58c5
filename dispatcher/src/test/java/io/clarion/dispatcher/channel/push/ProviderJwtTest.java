package io.clarion.dispatcher.channel.push;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ProviderJwtTest {
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void rs256TokenHasTheHeaderAndClaimsAndVerifiesWithThePublicKey() throws Exception {
        KeyPair keys = TestKeys.rsa();
        String jwt = ProviderJwt.rs256(TestKeys.pem(keys), json)
                .sign(ordered("typ", "JWT", "kid", "key-1"), ordered("iss", "sa@p.iam.gserviceaccount.com", "iat", 1000));

        String[] parts = jwt.split("\\.");
        assertThat(parts).hasSize(3);
        assertThat(decode(parts[0])).containsEntry("alg", "RS256").containsEntry("typ", "JWT").containsEntry("kid", "key-1");
        assertThat(decode(parts[1])).containsEntry("iss", "sa@p.iam.gserviceaccount.com").containsEntry("iat", 1000);
        assertThat(verifies("SHA256withRSA", keys.getPublic(), parts)).isTrue();
    }

    @Test
    void es256SignatureIsRawRAndSOf64BytesThatVerifyWithThePublicKey() throws Exception {
        for (int i = 0; i < 20; i++) { // r or s with a leading zero byte (or shorter than 32 bytes) is common enough
            KeyPair keys = TestKeys.ec();
            String jwt = ProviderJwt.es256(TestKeys.pem(keys), json).sign(Map.of("kid", "ABC123DEFG"),
                    ordered("iss", "TEAM123456", "iat", 1000 + i));

            String[] parts = jwt.split("\\.");
            assertThat(decode(parts[0])).containsEntry("alg", "ES256").containsEntry("kid", "ABC123DEFG");
            assertThat(decode(parts[1])).containsEntry("iss", "TEAM123456");
            assertThat(Base64.getUrlDecoder().decode(parts[2])).hasSize(64);
            assertThat(verifies("SHA256withECDSAinP1363Format", keys.getPublic(), parts)).isTrue();
        }
    }

    @Test
    void pemWithEscapedNewlinesAsInAServiceAccountJsonIsRead() {
        String escaped = TestKeys.pem(TestKeys.rsa()).replace("\n", "\\n");

        assertThat(ProviderJwt.privateKey(escaped, "RSA").getAlgorithm()).isEqualTo("RSA");
    }

    @Test
    void aKeyThatIsNotPemIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> ProviderJwt.privateKey("secret-not-a-key", "EC"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("secret-not-a-key")
                .hasMessageContaining("expected: -----BEGIN PRIVATE KEY-----");
    }

    private static boolean verifies(String algorithm, PublicKey key, String[] parts) throws Exception {
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(key);
        verifier.update((parts[0] + "." + parts[1]).getBytes(UTF_8));
        return verifier.verify(Base64.getUrlDecoder().decode(parts[2]));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> decode(String part) {
        return json.readValue(Base64.getUrlDecoder().decode(part), Map.class);
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
