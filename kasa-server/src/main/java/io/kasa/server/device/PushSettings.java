package io.kasa.server.device;

import io.kasa.server.payment.PushGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.URI;
import java.time.Duration;

/**
 * Chooses the push gateway: the HTTP relay when {@code kasa.push.url} is set, otherwise the
 * recording one.
 */
@Configuration(proxyBeanMethods = false)
class PushSettings {

    @Bean
    PushGateway pushGateway(@Value("${kasa.push.url:}") String url, @Value("${kasa.push.token:}") String token,
                            @Value("${kasa.push.timeout:5s}") Duration timeout) {
        return url.isBlank() ? new RecordingPushGateway() : new HttpPushGateway(URI.create(url), token, timeout);
    }
}
