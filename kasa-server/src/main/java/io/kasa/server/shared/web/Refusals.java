package io.kasa.server.shared.web;

import io.kasa.server.shared.KasaError;
import io.kasa.server.shared.KasaException;
import io.kasa.server.shared.Language;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Renders a refusal as the envelope of the request's family (Physical or marketplace) in
 * the caller's language, with the catalog's HTTP status; a Physical refusal in its
 * endpoint's {@link AnswerShape}. Used by controllers' advice and by filters, which answer
 * before any controller runs. A refusal that carries a {@link KasaException#result()} shows
 * it as the Physical {@code Result} or the marketplace {@code Body} (an approval's per-product
 * reasons); every other one has {@code Result: null} or {@code Body: null}. Every refusal passes
 * here, so the ones an operator watches are counted here ({@link AvailabilityMeters}).
 */
@Component
public class Refusals {

    private final JsonMapper json;
    private final AnswerShapes shapes;
    private final AvailabilityMeters meters;

    public Refusals(JsonMapper json, AnswerShapes shapes, AvailabilityMeters meters) {
        this.json = json;
        this.shapes = shapes;
        this.meters = meters;
    }

    public ResponseEntity<Object> entity(HttpServletRequest request, KasaException refusal) {
        meters.refused(refusal.error());
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(refusal.error().httpStatus())
                .contentType(MediaType.APPLICATION_JSON);
        if (refusal.retryAfter() != null) {
            builder.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, refusal.retryAfter().toSeconds())));
        }
        return builder.body(body(request, refusal));
    }

    public void write(HttpServletRequest request, HttpServletResponse response, KasaException refusal) throws IOException {
        meters.refused(refusal.error());
        response.setStatus(refusal.error().httpStatus());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (refusal.retryAfter() != null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, refusal.retryAfter().toSeconds())));
        }
        response.getOutputStream().write(json.writeValueAsBytes(body(request, refusal)));
    }

    public void write(HttpServletRequest request, HttpServletResponse response, KasaError error) throws IOException {
        write(request, response, new KasaException(error));
    }

    private Object body(HttpServletRequest request, KasaException refusal) {
        Language language = RequestContext.language(request);
        String message = refusal.message().in(language);
        if (RequestContext.isMarketplace(request)) {
            return MarketplaceEnvelope.failure(refusal.error().code(), message, refusal.result());
        }
        return shapes.render(shapes.of(request), PhysicalEnvelope.failure(refusal.error().code(), message,
                refusal.error().clientMessage(), refusal.result()));
    }
}
