package io.clarion.dispatcher.expansion;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Audience expansion.
 *
 * @param pageSize    recipients read per keyset page
 * @param concurrency broadcasts expanded at the same time by one dispatcher
 */
@ConfigurationProperties("clarion.expansion")
public record ExpansionProperties(@DefaultValue("1000") int pageSize, @DefaultValue("4") int concurrency) {
    public ExpansionProperties {
        if (pageSize < 1) {
            throw new IllegalArgumentException("clarion.expansion.page-size: " + pageSize + " (expected: > 0)");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("clarion.expansion.concurrency: " + concurrency + " (expected: > 0)");
        }
    }
}
