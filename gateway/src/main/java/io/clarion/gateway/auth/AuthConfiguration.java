package io.clarion.gateway.auth;

import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.webflux.autoconfigure.WebFluxRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/** Installs {@link AuthorizingHandlerMapping} as the gateway's request mapping. */
@Configuration(proxyBeanMethods = false)
class AuthConfiguration {

    @Bean
    WebFluxRegistrations authorizingRegistrations(ObjectProvider<RouteAuthorization> authorization) {
        return new WebFluxRegistrations() {
            @Override
            public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new AuthorizingHandlerMapping(authorization);
            }
        };
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
