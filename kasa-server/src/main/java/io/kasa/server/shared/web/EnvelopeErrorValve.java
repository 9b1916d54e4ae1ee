package io.kasa.server.shared.web;

import io.kasa.server.shared.KasaError;
import io.kasa.server.shared.Language;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Tomcat's own error page, for the requests it refuses before any filter or controller
 * sees them (an undecodable path such as {@code %zz} or {@code %2F}, a NUL in the path, a
 * path that climbs above the root, an unknown transfer coding, an HTTP version other than 1.x): the envelope of the path's family instead of an HTML
 * page, in the caller's language, with an {@code X-Request-Id} like every other answer. The
 * family is read from the raw URI, the only path such a request has.
 */
public class EnvelopeErrorValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable failure) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        if (status == 501 || status == 505) {
            // a transfer coding or an HTTP version the container does not speak: the caller's
            // request is what is wrong, and no Kasa code ran
            status = 400;
            response.setStatus(status);
        }
        KasaError error = switch (status) {
            case 404 -> KasaError.NOT_FOUND;
            case 405 -> KasaError.METHOD_NOT_ALLOWED;
            case 413 -> KasaError.PAYLOAD_TOO_LARGE;
            default -> status < 500 ? KasaError.VALIDATION_ERROR : KasaError.SERVER_ERROR;
        };
        Language language = language(request);
        String message = error == KasaError.VALIDATION_ERROR
                ? error.text().in(language) + (language == Language.EN ? ": the request could not be read" : ": istek okunamadı")
                : error.text().in(language);
        String uri = request.getRequestURI();
        boolean marketplace = uri != null && uri.startsWith("/api/paywall/");
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setHeader(RequestIdFilter.HEADER, RequestIdFilter.idFor(request.getHeader(RequestIdFilter.HEADER)));
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(marketplace
                        ? "{\"ErrorCode\":" + error.code() + ",\"Result\":false,\"Message\":" + quoted(message) + ",\"Body\":null}"
                        : "{\"Result\":null,\"ErrorCode\":" + error.code() + ",\"Succeeded\":false,\"Failed\":true,\"Message\":"
                        + quoted(message) + ",\"ClientMessage\":" + quoted(error.clientMessage()) + "}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException ignored) {
            // the client is gone or the response already committed: nothing more to say
        }
    }

    private static Language language(Request request) {
        try {
            Language language = Language.parse(request.getHeader("locale"));
            return language != null ? language : Language.TR;
        } catch (RuntimeException unreadable) {
            return Language.TR;
        }
    }

    /** The catalog's texts hold no quote, backslash or control character; this keeps it so. */
    private static String quoted(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20) {
                quoted.append("\\u%04x".formatted((int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
