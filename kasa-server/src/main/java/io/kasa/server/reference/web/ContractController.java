package io.kasa.server.reference.web;

import io.kasa.server.reference.ApiContract;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Duration;

/**
 * Serves the contract, public and cacheable (it changes only with the build), and the
 * reference page that renders it, {@code /reference/}: a static page whose script starts
 * the bundled Swagger UI on {@code /openapi.json}. Neither is part of the contract itself.
 */
@RestController
class ContractController implements WebMvcConfigurer {

    static final String JSON_PATH = "/openapi.json";
    static final String YAML_PATH = "/openapi.yaml";
    private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic();
    private static final MediaType YAML = MediaType.parseMediaType("application/yaml");

    private final ApiContract contract;

    ContractController(ApiContract contract) {
        this.contract = contract;
    }

    @GetMapping(JSON_PATH)
    ResponseEntity<byte[]> json() {
        return ResponseEntity.ok().cacheControl(CACHE).contentType(MediaType.APPLICATION_JSON).body(contract.json());
    }

    @GetMapping(YAML_PATH)
    ResponseEntity<byte[]> yaml() {
        return ResponseEntity.ok().cacheControl(CACHE).contentType(YAML).body(contract.yaml());
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/reference/").setViewName("forward:/reference/index.html");
        registry.addRedirectViewController("/reference", "/reference/");
    }
}
