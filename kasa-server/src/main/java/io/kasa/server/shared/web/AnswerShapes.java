package io.kasa.server.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;
import org.springframework.web.util.ServletRequestPathUtils;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

import java.util.Objects;

/**
 * Writes each Physical answer in its endpoint's {@link AnswerShape}: the one place that
 * knows how the shapes look. Controllers always return a {@link PhysicalEnvelope} and mark
 * the exceptions with {@link AnswerShape.Answered}; successes are reshaped here on their way
 * out, and {@link Refusals} asks {@link #of(HttpServletRequest)} for the shape of a refusal,
 * even one a filter makes before the request reaches its handler.
 */
@RestControllerAdvice
public class AnswerShapes implements ResponseBodyAdvice<Object> {

    private final JsonMapper camelCase;
    private final ObjectProvider<RequestMappingHandlerMapping> handlers;

    public AnswerShapes(JsonMapper json, ObjectProvider<RequestMappingHandlerMapping> handlers) {
        // The application's wire settings, with camelCase names; decimals keep their written scale.
        this.camelCase = json.rebuild()
                .propertyNamingStrategy(PropertyNamingStrategies.LOWER_CAMEL_CASE)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .build();
        this.handlers = handlers;
    }

    /** The body to write for an envelope in the given shape. */
    public Object render(AnswerShape shape, PhysicalEnvelope envelope) {
        return switch (shape) {
            case PASCAL_CASE_ENVELOPE -> envelope;
            case CAMEL_CASE_ENVELOPE -> camelCase.valueToTree(envelope);
            case BARE_RESULT -> envelope.succeeded() ? envelope.result() : envelope;
        };
    }

    /**
     * The shape of the endpoint a request is for: from the handler Spring chose, or, for a
     * request no handler has been chosen for yet (a filter's refusal), from the handler the
     * request maps to; the common envelope when it maps to none or its path is not written
     * plainly ({@link CanonicalPathFilter}).
     */
    public AnswerShape of(HttpServletRequest request) {
        if (request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof HandlerMethod chosen) {
            return AnswerShape.of(chosen.getMethod());
        }
        if (!CanonicalPathFilter.isCanonical(request)) {
            // a path not written plainly reaches no endpoint, whatever Spring would make of it
            return AnswerShape.PASCAL_CASE_ENVELOPE;
        }
        boolean parsed = ServletRequestPathUtils.hasParsedRequestPath(request);
        try {
            if (!parsed) {
                ServletRequestPathUtils.parseAndCache(request);
            }
            return handlers.orderedStream()
                    .map(mapping -> handler(mapping, request))
                    .filter(Objects::nonNull)
                    .findFirst()
                    .map(handler -> AnswerShape.of(handler.getMethod()))
                    .orElse(AnswerShape.PASCAL_CASE_ENVELOPE);
        } catch (RuntimeException unreadablePath) {
            return AnswerShape.PASCAL_CASE_ENVELOPE;
        } finally {
            if (!parsed) {
                ServletRequestPathUtils.clearParsedRequestPath(request);
            }
        }
    }

    /** The handler method one mapping chooses for the request; null for none, a wrong method or an unreadable path. */
    private static HandlerMethod handler(RequestMappingHandlerMapping mapping, HttpServletRequest request) {
        try {
            HandlerExecutionChain chain = mapping.getHandler(request);
            return chain != null && chain.getHandler() instanceof HandlerMethod handler ? handler : null;
        } catch (Exception noHandler) {
            return null;
        }
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return AnswerShape.of(returnType.getMethod()) != AnswerShape.PASCAL_CASE_ENVELOPE;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType,
                                  ServerHttpRequest request, ServerHttpResponse response) {
        return body instanceof PhysicalEnvelope envelope ? render(AnswerShape.of(returnType.getMethod()), envelope) : body;
    }
}
