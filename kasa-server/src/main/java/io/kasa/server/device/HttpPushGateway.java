package io.kasa.server.device;

import io.kasa.server.payment.PushGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/**
 * Posts each wake-up as JSON to a relay (the shape an FCM relay takes):
 * {@code {"terminalId": "...", "paymentRequestId": "...", "reason": "order"}}, with an
 * optional bearer token. A 2xx within the timeout counts as accepted.
 */
public class HttpPushGateway implements PushGateway {

    private static final Logger log = LoggerFactory.getLogger(HttpPushGateway.class);

    private final URI url;
    private final String token;
    private final Duration timeout;
    private final HttpClient http;

    public HttpPushGateway(URI url, String token, Duration timeout) {
        this.url = url;
        this.token = token;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public boolean push(UUID terminalId, UUID paymentRequestId) {
        String body = "{\"terminalId\":\"" + terminalId + "\",\"paymentRequestId\":\"" + paymentRequestId
                + "\",\"reason\":\"order\"}";
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 300;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            log.warn("Push relay {} failed: {}", url, e.toString());
            return false;
        }
    }
}
