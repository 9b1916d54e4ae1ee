package io.kasa.server.reference.web;

import io.kasa.server.reference.ApiContract;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

import java.time.Duration;

/**
 * Serves the contract, public and cacheable (it changes only with the build), and the
 * reference page that renders it, {@code /reference/}: a static page whose script starts
 * the bundled Swagger UI on {@code /openapi.json}. Functional routes rather than controller
 * methods: the document is no operation of the API, so whatever reads the controllers'
 * mappings as the API (the contract's coverage test, the hostile-input suite) does not
 * take it for one.
 */
@Configuration
class ContractRoutes implements WebMvcConfigurer {

    private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic();
    private static final MediaType YAML = MediaType.parseMediaType("application/yaml");

    @Bean
    RouterFunction<ServerResponse> contractDocument(ApiContract contract) {
        return RouterFunctions.route()
                .GET("/openapi.json", request -> ServerResponse.ok().cacheControl(CACHE)
                        .contentType(MediaType.APPLICATION_JSON).body(contract.json()))
                .GET("/openapi.yaml", request -> ServerResponse.ok().cacheControl(CACHE)
                        .contentType(YAML).body(contract.yaml()))
                .build();
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/reference/").setViewName("forward:/reference/index.html");
        registry.addRedirectViewController("/reference", "/reference/");
    }
}
