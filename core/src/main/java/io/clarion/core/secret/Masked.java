package io.clarion.core.secret;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Settings as they may appear in a {@code toString()} or a log line: secret values replaced by
 * {@value #MASK}. A client property is secret when its name mentions a password, a secret, a JAAS
 * configuration, credentials or a private key ({@code sasl.jaas.config}, {@code ssl.key.password},
 * {@code ssl.keystore.key}, ...); a URL's password is its user-info after the first {@code :}.
 */
public final class Masked {
    public static final String MASK = "***";

    private static final Pattern SECRET_NAME =
            Pattern.compile(".*(password|secret|jaas|credential|token|\\.key$|private).*");

    private Masked() {
    }

    /** Whether a client property's value must never be shown, e.g. {@code sasl.jaas.config}. */
    public static boolean isSecret(String propertyName) {
        return SECRET_NAME.matcher(propertyName.toLowerCase(Locale.ROOT)).matches();
    }

    /** The properties sorted by name, secret values masked. */
    public static Map<String, String> properties(Map<String, String> properties) {
        Map<String, String> shown = new TreeMap<>();
        properties.forEach((name, value) -> shown.put(name, isSecret(name) ? MASK : value));
        return shown;
    }

    /**
     * The URL with the password of its user-info masked: {@code rediss://:***@host:6380},
     * {@code redis://user:***@host}; a URL without a password is returned unchanged.
     */
    public static String url(String url) {
        if (url == null) {
            return null;
        }
        int scheme = url.indexOf("://");
        int at = url.lastIndexOf('@');
        if (scheme < 0 || at < scheme) {
            return url;
        }
        String userInfo = url.substring(scheme + 3, at);
        int colon = userInfo.indexOf(':');
        String user = colon < 0 ? "" : userInfo.substring(0, colon);
        return url.substring(0, scheme + 3) + user + ":" + MASK + url.substring(at);
    }
}
