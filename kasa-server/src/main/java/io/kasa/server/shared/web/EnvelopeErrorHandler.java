package io.kasa.server.shared.web;

import io.kasa.server.shared.KasaError;
import io.kasa.server.shared.Language;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Jetty's own error page, for the requests it refuses before any filter or controller sees
 * them (a request line or header it cannot parse, headers too large, an undecodable or
 * ambiguous path such as {@code %zz} or {@code %2F}, an unknown transfer coding, an HTTP
 * version other than 1.x): the envelope of the path's family instead of an HTML page, in the
 * caller's language, with an {@code X-Request-Id} like every other answer. The family is read
 * from the raw URI, the only path such a request has. (A request Jetty refuses inside the
 * application's context goes to {@link EnvelopeErrorController} instead.)
 */
public class EnvelopeErrorHandler extends ErrorHandler {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        if (request.getAttribute(ERROR_EXCEPTION) instanceof HttpException refusal) {
            status = refusal.getCode();
        }
        if (status == 501 || status == 505) {
            // a transfer coding or an HTTP version the server does not speak: the caller's
            // request is what is wrong, and no Kasa code ran
            status = 400;
        }
        if (status < 400) {
            status = 500;
        }
        response.setStatus(status);
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
        String path = request.getHttpURI() == null ? null : request.getHttpURI().getPath();
        boolean marketplace = path != null && path.startsWith("/api/paywall/");
        String body = marketplace
                ? "{\"ErrorCode\":" + error.code() + ",\"Result\":false,\"Message\":" + quoted(message) + ",\"Body\":null}"
                : "{\"Result\":null,\"ErrorCode\":" + error.code() + ",\"Succeeded\":false,\"Failed\":true,\"Message\":"
                + quoted(message) + ",\"ClientMessage\":" + quoted(error.clientMessage()) + "}";
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json;charset=UTF-8");
        // Jetty does not read on after such a request: a client told so opens a new connection
        // for its next request instead of sending it on this one, which would go unanswered
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        response.getHeaders().put(RequestIdFilter.HEADER, RequestIdFilter.idFor(request.getHeaders().get(RequestIdFilter.HEADER)));
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }

    private static Language language(Request request) {
        try {
            Language language = Language.parse(request.getHeaders().get("locale"));
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
