package io.clarion.gateway;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The HTTP API of Clarion: validates, authorizes, persists and relays broadcasts to Kafka. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {
    public static void main(String[] args) {
        builder().run(args);
    }

    /**
     * The application with its own configuration file ({@code gateway.yml}), so the gateway and the
     * dispatcher can share one JVM (the local run) without reading each other's settings.
     */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(GatewayApplication.class).properties("spring.config.name=gateway");
    }
}
