package io.clarion.devstack.sandbox;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A provider's answer as a test sees it, and the JWT and POST helpers of the push tests. */
record ProviderReply(int status, HttpVersion version, HttpHeaders headers, String body) {

    static final JsonMapper JSON = JsonMapper.builder().build();

    JsonNode json() {
        return JSON.readTree(body);
    }

    static ProviderReply post(HttpClient client, String url, String body) {
        return client.post().uri(url).send(ByteBufFlux.fromString(reactor.core.publisher.Mono.just(body)))
                .responseSingle((response, content) -> content.asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                        .map(text -> new ProviderReply(response.status().code(), response.version(),
                                response.responseHeaders(), text)))
                .block(Duration.ofSeconds(10));
    }

    /** A compact JWT signed with {@code key} by {@code algorithm} ({@code SHA256withRSA}, ...). */
    static String jwt(Map<String, Object> header, Map<String, Object> claims, PrivateKey key, String algorithm)
            throws GeneralSecurityException {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String signingInput = base64.encodeToString(JSON.writeValueAsBytes(header)) + "."
                + base64.encodeToString(JSON.writeValueAsBytes(claims));
        Signature signature = Signature.getInstance(algorithm);
        signature.initSign(key);
        signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + base64.encodeToString(signature.sign());
    }
}
