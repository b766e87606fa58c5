package io.clarion.gateway.http;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * HTTP limits of the gateway.
 *
 * @param maxBodySize the largest JSON body accepted (larger is 413) and the longest NDJSON import line
 *                    (a longer one is rejected alone; an import has no total limit)
 * @param refuseNonCanonicalPaths  answer 400 to paths with {@code %} escapes, {@code ;}, {@code //} or dot segments
 *                                 (authorization never depends on it: it is decided on the matched route)
 */
@ConfigurationProperties("clarion.http")
public record HttpProperties(@DefaultValue("256KB") DataSize maxBodySize,
                             @DefaultValue("true") boolean refuseNonCanonicalPaths) {
}
