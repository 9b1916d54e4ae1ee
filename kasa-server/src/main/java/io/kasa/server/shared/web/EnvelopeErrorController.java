package io.kasa.server.shared.web;

import io.kasa.server.shared.KasaError;
import io.kasa.server.shared.KasaException;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Arrays;

/**
 * The container's error page: whatever fails outside a controller (the servlet container
 * refusing a request, a filter throwing) still answers with the envelope.
 */
@RestController
public class EnvelopeErrorController implements ErrorController {

    private final Refusals refusals;

    public EnvelopeErrorController(Refusals refusals) {
        this.refusals = refusals;
    }

    @RequestMapping("/error")
    ResponseEntity<Object> error(HttpServletRequest request) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (status == null) {
            // Asked for directly rather than dispatched to: to a caller, /error is no endpoint.
            return refusals.entity(request, new KasaException(KasaError.NOT_FOUND));
        }
        Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (exception instanceof Throwable failure) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof KasaException refusal) {
                    return refusals.entity(request, refusal);
                }
            }
        }
        int code = status instanceof Integer value ? value : 500;
        KasaError error = Arrays.stream(KasaError.values())
                .filter(candidate -> candidate.httpStatus() == code && candidate.clientMessage().startsWith("System."))
                .findFirst()
                .orElse(code >= 500 ? KasaError.SERVER_ERROR : KasaError.VALIDATION_ERROR);
        return refusals.entity(request, new KasaException(error));
    }
}
