package io.clarion.dispatcher;

import java.time.Clock;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ReactorResourceFactory;

/** Clarion's dispatcher: expands broadcasts into deliveries and sends them through channel senders. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DispatcherApplication {
    public static void main(String[] args) {
        builder().run(args);
    }

    /**
     * The application with its own configuration file ({@code dispatcher.yml}), so the gateway and the
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

    /** The time retries and blackout windows are decided by; tests may register their own. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(DispatcherApplication.class).properties("spring.config.name=dispatcher");
    }
}
