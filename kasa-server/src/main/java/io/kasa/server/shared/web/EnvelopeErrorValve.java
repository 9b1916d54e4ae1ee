package io.kasa.server.shared.web;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Tomcat's own error page, for the requests it refuses before any filter or controller
 * sees them (an undecodable path such as {@code %zz} or {@code %2F}, a NUL in the path):
 * the Physical envelope instead of an HTML page, in Turkish, the default language.
 */
public class EnvelopeErrorValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable failure) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String clientMessage;
        int code;
        String message;
        if (status == 404) {
            clientMessage = "System.NotFound";
            code = 1005;
            message = "İstenen adres bulunamadı";
        } else if (status == 413) {
            clientMessage = "System.PayloadTooLarge";
            code = 1007;
            message = "İstek gövdesi çok büyük";
        } else if (status < 500) {
            clientMessage = "System.ValidationError";
            code = 1001;
            message = "Doğrulama hatası: istek okunamadı";
        } else {
            clientMessage = "System.ServerError";
            code = 1000;
            message = "Beklenmeyen bir hata oluştu";
        }
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"Result\":null,\"ErrorCode\":" + code + ",\"Succeeded\":false,\"Failed\":true,\"Message\":\""
                        + message + "\",\"ClientMessage\":\"" + clientMessage + "\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException ignored) {
            // the client is gone or the response already committed: nothing more to say
        }
    }
}
