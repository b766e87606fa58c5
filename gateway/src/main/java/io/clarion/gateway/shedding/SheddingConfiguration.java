package io.clarion.gateway.shedding;

import io.r2dbc.spi.ConnectionFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts the request deadline's view of database connections ({@link DeadlineAwareConnections}) around the
 * gateway's connection factory, so the transaction manager and every database client share the one factory.
 */
@Configuration(proxyBeanMethods = false)
class SheddingConfiguration {
    @Bean
    static BeanPostProcessor deadlineAwareConnections() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof ConnectionFactory factory && !(bean instanceof DeadlineAwareConnections)
                        ? new DeadlineAwareConnections(factory) : bean;
            }
        };
    }
}
