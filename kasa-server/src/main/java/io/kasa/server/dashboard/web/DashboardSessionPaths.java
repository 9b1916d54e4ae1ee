package io.kasa.server.dashboard.web;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * Spring Session's filter runs on the dashboard's paths only. Spring Boot registers it for
 * every path, but only the dashboard's JSON API ({@link DashboardGuard}, {@link SessionController})
 * has a session: on the merchant API, the device connection and the management endpoints the
 * filter wrapped each request and its answer to find none. A session cookie sent elsewhere is
 * ignored, as it always was, and nothing outside these paths can open a session.
 */
@Configuration(proxyBeanMethods = false)
class DashboardSessionPaths {

    /** The name Spring Boot gives its registration of Spring Session's filter. */
    static final String REGISTRATION = "sessionRepositoryFilterRegistration";
    static final List<String> PATHS = List.of("/dashboard/*");

    @Bean
    static BeanPostProcessor sessionFilterOnDashboardPaths() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (bean instanceof DelegatingFilterProxyRegistrationBean registration && name.equals(REGISTRATION)) {
                    registration.setUrlPatterns(PATHS);
                }
                return bean;
            }
        };
    }
}
