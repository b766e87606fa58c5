package io.clarion.dispatcher.channel.push;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signs the JSON Web Tokens push providers authenticate with: RS256 for a Google service account (FCM's OAuth2
 * JWT-bearer grant) and ES256 for an APNs provider token. The key is read once from a PKCS#8 PEM; the key
 * material never leaves this object and is never printed.
 */
final class ProviderJwt {
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final int ES256_PART = 32;

    private final String algorithm;
    private final PrivateKey key;
    private final JsonMapper json;

    private ProviderJwt(String algorithm, PrivateKey key, JsonMapper json) {
        this.algorithm = algorithm;
        this.key = key;
        this.json = json;
    }

    /** RS256 with an RSA key, as Google's service accounts use. */
    static ProviderJwt rs256(String pkcs8Pem, JsonMapper json) {
        return new ProviderJwt("RS256", privateKey(pkcs8Pem, "RSA"), json);
    }

    /** ES256 with an EC P-256 key, as an APNs .p8 signing key is. */
    static ProviderJwt es256(String pkcs8Pem, JsonMapper json) {
        return new ProviderJwt("ES256", privateKey(pkcs8Pem, "EC"), json);
    }

    /** {@code header.claims.signature}; {@code alg} is added to the header. */
    String sign(Map<String, Object> header, Map<String, Object> claims) {
        var fullHeader = new LinkedHashMap<String, Object>();
        fullHeader.put("alg", algorithm);
        fullHeader.putAll(header);
        String signingInput = encode(json.writeValueAsBytes(fullHeader)) + "." + encode(json.writeValueAsBytes(claims));
        return signingInput + "." + encode(signature(signingInput.getBytes(UTF_8)));
    }

    private byte[] signature(byte[] signingInput) {
        try {
            Signature signer = Signature.getInstance(algorithm.equals("RS256") ? "SHA256withRSA" : "SHA256withECDSA");
            signer.initSign(key);
            signer.update(signingInput);
            byte[] signature = signer.sign();
            return algorithm.equals("ES256") ? derToRaw(signature) : signature;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a " + algorithm + " JWT", e);
        }
    }

    /**
     * The JDK writes an ECDSA signature as DER {@code SEQUENCE { INTEGER r, INTEGER s }}; JWS (RFC 7518 3.4)
     * wants R and S as two fixed 32-byte big-endian numbers.
     */
    static byte[] derToRaw(byte[] der) {
        int offset = (der[1] & 0x80) != 0 ? 3 : 2;
        byte[] raw = new byte[2 * ES256_PART];
        offset = copyInteger(der, offset, raw, 0);
        copyInteger(der, offset, raw, ES256_PART);
        return raw;
    }

    private static int copyInteger(byte[] der, int offset, byte[] raw, int to) {
        if (der[offset] != 0x02) {
            throw new IllegalArgumentException("DER signature: expected INTEGER at " + offset);
        }
        int length = der[offset + 1];
        int start = offset + 2;
        int skip = Math.max(0, length - ES256_PART);
        int copy = length - skip;
        System.arraycopy(der, start + skip, raw, to + ES256_PART - copy, copy);
        return start + length;
    }

    static PrivateKey privateKey(String pkcs8Pem, String keyAlgorithm) {
        requireNonNull(pkcs8Pem, "pkcs8Pem");
        String base64 = pkcs8Pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "")
                .replace("\\n", "");
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            PrivateKey key = KeyFactory.getInstance(keyAlgorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            Arrays.fill(der, (byte) 0);
            return key;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("private key: not a PKCS#8 PEM " + keyAlgorithm
                    + " key (expected: -----BEGIN PRIVATE KEY-----)");
        }
    }

    private static String encode(byte[] bytes) {
        return BASE64URL.encodeToString(bytes);
    }
}
