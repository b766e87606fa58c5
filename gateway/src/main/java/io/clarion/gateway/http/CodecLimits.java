package io.clarion.gateway.http;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.config.WebFluxConfigurer;

/** Applies {@link HttpProperties#maxBodySize()} to every decoder, so no body is buffered past it. */
@Configuration
class CodecLimits implements WebFluxConfigurer {
    private final HttpProperties properties;

    CodecLimits(HttpProperties properties) {
        this.properties = properties;
    }

    @Override
    public void configureHttpMessageCodecs(ServerCodecConfigurer configurer) {
        configurer.defaultCodecs().maxInMemorySize((int) properties.maxBodySize().toBytes());
    }
}
