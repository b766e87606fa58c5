package io.clarion.gateway.statuspage;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The public status page ({@code /status/{tenant}}, its Statuspage-shaped JSON and Atom feed): how it is cached,
 * how fast a change shows, and how hard one client may pull on it.
 *
 * @param baseUrl              where readers reach the gateway, for the absolute links of the JSON ({@code page.url},
 *                             {@code shortlink}) and the feed; the page itself links relatively
 * @param maxAge               {@code Cache-Control: max-age} of every public answer (browsers, CDNs)
 * @param staleWhileRevalidate how long a shared cache may serve an expired answer while it fetches a fresh one
 * @param staleIfError         how long a shared cache may serve an expired answer while the gateway fails
 * @param pollInterval         how often each gateway checks PostgreSQL for changes made through other gateways
 *                             (one indexed query for every cached tenant together)
 * @param refreshWait          how long a request for a page known to be outdated waits for its refresh before it
 *                             is given the previous version instead (so a slow database never stalls the page)
 * @param loadTimeout          a refresh that takes longer is abandoned and tried again
 * @param history              how many recent incidents {@code incidents.json}, the page and the feed show (the
 *                             unresolved ones always show)
 * @param pageRefresh          how often an open page (with JavaScript) checks for a newer version of itself
 * @param maxTenants           tenants whose pages are cached at once; beyond it, unknown tenant names are evicted
 *                             first, and a page that still does not fit is rendered per request
 * @param rateLimit            the per-client-address limit on the public routes
 */
@ConfigurationProperties("clarion.status-page")
public record StatusPageProperties(@DefaultValue("http://localhost:8080") String baseUrl,
                                   @DefaultValue("5s") Duration maxAge,
                                   @DefaultValue("30s") Duration staleWhileRevalidate,
                                   @DefaultValue("10m") Duration staleIfError,
                                   @DefaultValue("500ms") Duration pollInterval,
                                   @DefaultValue("250ms") Duration refreshWait,
                                   @DefaultValue("10s") Duration loadTimeout,
                                   @DefaultValue("50") int history,
                                   @DefaultValue("5s") Duration pageRefresh,
                                   @DefaultValue("10000") int maxTenants,
                                   @DefaultValue RateLimit rateLimit) {
    public StatusPageProperties {
        if (baseUrl == null || !baseUrl.matches("https?://[^\\s\"<>]+")) {
            throw new IllegalArgumentException("clarion.status-page.base-url: " + baseUrl + " (expected: an http(s) URL)");
        }
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        positive("max-age", maxAge);
        positive("poll-interval", pollInterval);
        positive("refresh-wait", refreshWait);
        positive("load-timeout", loadTimeout);
        positive("page-refresh", pageRefresh);
        notNegative("stale-while-revalidate", staleWhileRevalidate);
        notNegative("stale-if-error", staleIfError);
        if (history < 1) {
            throw new IllegalArgumentException("clarion.status-page.history: " + history + " (expected: > 0)");
        }
        if (maxTenants < 1) {
            throw new IllegalArgumentException("clarion.status-page.max-tenants: " + maxTenants + " (expected: > 0)");
        }
    }

    /**
     * A token bucket per client address (IPv6 addresses by their /64): {@code burst} requests at once, refilled at
     * {@code requestsPerSecond}; a request finding it empty is answered {@code 429} with {@code Retry-After}.
     *
     * @param enabled           whether the public status routes are limited per client address
     * @param requestsPerSecond the refill of each address's bucket, in requests per second
     * @param burst             requests an address may make at once
     * @param maxClients        addresses tracked at once; idle (full) buckets are dropped first, and addresses that
     *                          still do not fit share one bucket
     */
    public record RateLimit(@DefaultValue("true") boolean enabled,
                            @DefaultValue("20") int requestsPerSecond,
                            @DefaultValue("60") int burst,
                            @DefaultValue("100000") int maxClients) {
        public RateLimit {
            if (requestsPerSecond < 1 || burst < 1 || maxClients < 1) {
                throw new IllegalArgumentException("clarion.status-page.rate-limit: requests-per-second "
                        + requestsPerSecond + ", burst " + burst + ", max-clients " + maxClients + " (expected: each > 0)");
            }
        }
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("clarion.status-page." + name + ": " + value + " (expected: > 0)");
        }
    }

    private static void notNegative(String name, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException("clarion.status-page." + name + ": " + value + " (expected: >= 0)");
        }
    }
}
