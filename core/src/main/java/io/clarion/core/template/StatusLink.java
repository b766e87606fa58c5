package io.clarion.core.template;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code statusUrl}: the tenant's status page link with {@code utm_source=clarion&utm_medium=<channel>
 * &utm_campaign=<incident id>&utm_content=v<version>}. The page's own query parameters and fragment are kept;
 * {@code utm_*} parameters it already had are replaced, so a link never carries two sources.
 */
public final class StatusLink {
    private static final Set<String> UTM = Set.of("utm_source", "utm_medium", "utm_campaign", "utm_content");

    private StatusLink() {
    }

    public static String of(String statusPageUrl, String channel, String incidentId, int version) {
        requireNonNull(statusPageUrl, "statusPageUrl");
        int hash = statusPageUrl.indexOf('#');
        String fragment = hash < 0 ? "" : statusPageUrl.substring(hash);
        String withoutFragment = hash < 0 ? statusPageUrl : statusPageUrl.substring(0, hash);
        int question = withoutFragment.indexOf('?');
        String base = question < 0 ? withoutFragment : withoutFragment.substring(0, question);
        List<String> params = new ArrayList<>();
        if (question >= 0) {
            for (String param : withoutFragment.substring(question + 1).split("&")) {
                String name = param.contains("=") ? param.substring(0, param.indexOf('=')) : param;
                if (!param.isEmpty() && !UTM.contains(name)) {
                    params.add(param);
                }
            }
        }
        params.add("utm_source=clarion");
        params.add("utm_medium=" + encode(channel));
        params.add("utm_campaign=" + encode(incidentId));
        params.add("utm_content=v" + version);
        return base + "?" + String.join("&", params) + fragment;
    }

    /** Percent-encodes all but RFC 3986 unreserved characters. */
    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
