package io.clarion.devstack.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The header and claims of a compact JWT ({@code header.claims.signature}, base64url), read for their
 * shape only: the signature is NOT verified, since the sandbox holds no keys. A real provider would
 * also refuse a well-formed token with a bad signature; the sandbox accepts it.
 */
record JwtShape(JsonNode header, JsonNode claims) {

    /** The token's header and claims, or empty when it is not three base64url parts with two JSON objects. */
    static Optional<JwtShape> parse(String token) {
        if (token == null) {
            return Optional.empty();
        }
        String[] parts = token.trim().split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode header = JsonReplies.MAPPER.readTree(decode(parts[0]));
            JsonNode claims = JsonReplies.MAPPER.readTree(decode(parts[1]));
            return header.isObject() && claims.isObject() ? Optional.of(new JwtShape(header, claims)) : Optional.empty();
        } catch (IllegalArgumentException | JacksonException e) {
            return Optional.empty();
        }
    }

    boolean algorithmIs(String algorithm) {
        return algorithm.equals(header.path("alg").asString(""));
    }

    boolean hasHeader(String name) {
        return !header.path(name).asString("").isEmpty();
    }

    boolean hasClaims(String... names) {
        for (String name : names) {
            JsonNode claim = claims.path(name);
            if (claim.isMissingNode() || claim.isNull() || (claim.isString() && claim.stringValue().isEmpty())) {
                return false;
            }
        }
        return true;
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }
}
