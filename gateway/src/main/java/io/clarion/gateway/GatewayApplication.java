package io.clarion.gateway;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ReactorResourceFactory;

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
    /**
     * Netty event loops of this application's own, not Reactor Netty's JVM-wide ones: Spring disposes global
     * resources when any context using them stops, so in one JVM (the local run, the end-to-end tests) closing one
     * application would leave the others' HTTP server and clients on disposed loops, and their requests unanswered.
     */
    @Bean
    ReactorResourceFactory reactorResourceFactory() {
        ReactorResourceFactory factory = new ReactorResourceFactory();
        factory.setUseGlobalResources(false);
        return factory;
    }

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(GatewayApplication.class).properties("spring.config.name=gateway");
    }
}
