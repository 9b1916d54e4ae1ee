package io.kasa.server.shared.web;

import io.kasa.server.shared.DatabaseOutage;
import io.kasa.server.shared.KasaError;
import io.kasa.server.shared.KasaException;
import io.kasa.server.shared.Validation;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.util.DisconnectedClientHelper;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;

/**
 * Turns every failure of a controller into the envelope: refusals with their catalog
 * status, framework-level input problems as 4xx naming the field, an unreachable database
 * as 503 {@code System.DatabaseUnavailable} with {@code Retry-After}, and anything unexpected
 * as a logged 500 with {@code System.ServerError}, never a stack trace.
 */
@RestControllerAdvice
public class ErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(ErrorAdvice.class);

    private final Refusals refusals;
    private final DatabaseOutage outage;

    public ErrorAdvice(Refusals refusals, DatabaseOutage outage) {
        this.refusals = refusals;
        this.outage = outage;
    }

    @ExceptionHandler(KasaException.class)
    ResponseEntity<Object> refused(HttpServletRequest request, KasaException refusal) {
        return refusals.entity(request, refusal);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Object> unreadable(HttpServletRequest request, HttpMessageNotReadableException failure) {
        return refusals.entity(request, unreadableBody(failure));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Object> mediaType(HttpServletRequest request) {
        return refusals.entity(request, new KasaException(KasaError.UNSUPPORTED_MEDIA_TYPE));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Object> method(HttpServletRequest request) {
        return refusals.entity(request, new KasaException(KasaError.METHOD_NOT_ALLOWED));
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<Object> noRoute(HttpServletRequest request) {
        return refusals.entity(request, new KasaException(KasaError.NOT_FOUND));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<Object> missingHeader(HttpServletRequest request, MissingRequestHeaderException failure) {
        String name = failure.getHeaderName();
        return refusals.entity(request, Validation.invalid(name + " başlığı zorunludur", name + " header is required"));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Object> missingParameter(HttpServletRequest request, MissingServletRequestParameterException failure) {
        String name = failure.getParameterName();
        return refusals.entity(request, Validation.invalid(name + " parametresi zorunludur", name + " parameter is required"));
    }

    /** A path segment that converts to nothing, such as a blank id. */
    @ExceptionHandler(MissingPathVariableException.class)
    ResponseEntity<Object> missingPathVariable(HttpServletRequest request, MissingPathVariableException failure) {
        if (!failure.isMissingAfterConversion()) {
            return unexpected(request, failure);
        }
        String name = failure.getVariableName();
        return refusals.entity(request, Validation.invalid(name + " değeri geçersiz", name + " has an invalid value"));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(HttpServletRequest request, MethodArgumentTypeMismatchException failure) {
        String name = failure.getName();
        return refusals.entity(request, Validation.invalid(name + " değeri geçersiz", name + " has an invalid value"));
    }

    /**
     * Anything unexpected is logged and answered 500, except a caller that went away while its
     * answer was being written (a broken pipe, a reset): nobody is left to answer, and it is
     * the caller's doing, so it is noted at debug level only.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(HttpServletRequest request, Exception failure) {
        if (DisconnectedClientHelper.isClientDisconnectedException(failure)) {
            log.debug("The caller of {} {} went away before its answer was written: {}", request.getMethod(),
                    request.getRequestURI(), failure.toString());
            return null;
        }
        if (outage.absorbs("a request", failure)) {
            return refusals.entity(request, outage.refusal());
        }
        log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), failure);
        return refusals.entity(request, new KasaException(KasaError.SERVER_ERROR));
    }

    static KasaException unreadableBody(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyLimitFilter.BodyTooLargeException) {
                return new KasaException(KasaError.PAYLOAD_TOO_LARGE);
            }
            if (cause instanceof UnicodeJson.NotUnicode notUnicode && notUnicode.processor() != null) {
                String field = path(notUnicode.processor().streamReadContext());
                return Validation.invalid(field + " alanı geçerli Unicode metin değil (eşsiz UTF-16 vekil karakteri içeriyor)",
                        field + " is not valid Unicode text (it holds an unpaired UTF-16 surrogate)");
            }
            if (cause instanceof InputCoercionException outOfRange && outOfRange.processor() != null) {
                // a number too large for its field: read, but not storable
                String field = path(outOfRange.processor().streamReadContext());
                return Validation.invalid(field + " alanının değeri çok büyük", field + " is out of range");
            }
            if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
                String field = path(databind);
                return Validation.invalid(field + " alanının tipi veya biçimi geçersiz",
                        field + " has a wrong type or format");
            }
            if (cause instanceof StreamReadException) {
                return Validation.invalid("İstek gövdesi geçerli bir JSON değil", "The request body is not valid JSON");
            }
        }
        if (failure.getMessage() != null && failure.getMessage().startsWith("Required request body is missing")) {
            return Validation.invalid("İstek gövdesi zorunludur", "A request body is required");
        }
        return Validation.invalid("İstek gövdesi okunamadı", "The request body could not be read");
    }

    /** The dotted path of the value a parser stands on: {@code Products[0].Amount}. */
    private static String path(TokenStreamContext context) {
        java.util.List<TokenStreamContext> chain = new java.util.ArrayList<>();
        for (TokenStreamContext step = context; step != null && !step.inRoot(); step = step.getParent()) {
            chain.addFirst(step);
        }
        StringBuilder path = new StringBuilder();
        for (TokenStreamContext step : chain) {
            if (step.inObject() && step.currentName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(step.currentName());
            } else if (step.inArray()) {
                path.append('[').append(Math.max(0, step.getCurrentIndex())).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String path(JacksonException failure) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : failure.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }
}
