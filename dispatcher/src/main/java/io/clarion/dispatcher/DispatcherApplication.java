package io.clarion.dispatcher;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

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
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(DispatcherApplication.class).properties("spring.config.name=dispatcher");
    }
}
