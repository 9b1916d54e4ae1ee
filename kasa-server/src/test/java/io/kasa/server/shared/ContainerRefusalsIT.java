package io.kasa.server.shared;

import io.kasa.server.KasaServerIT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests that the servlet container (Jetty) refuses before any of Kasa's code runs — paths it
 * cannot decode, request lines and headers it cannot parse — still answer with a 4xx and the
 * envelope, never an HTML error page.
 */
class ContainerRefusalsIT extends KasaServerIT {

    @ParameterizedTest
    @ValueSource(strings = {"/api/terminal/%zz", "/api/%2F..%2Fadmin", "/api/terminal/a%00b", "/%"})
    void anUndecodablePathAnswersTheEnvelope(String path) throws Exception {
        String answer = raw("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 4");
        assertThat(answer).contains("application/json");
        assertThat(answer).contains("\"ClientMessage\":\"System.").contains("\"Failed\":true");
        assertThat(answer).doesNotContain("<html");
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST /api/terminal/list HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: gzip, chunked\r\n",
            "GET /api/terminal/list HTTP/9.9\r\nHost: 127.0.0.1\r\n"})
    void aTransferCodingOrHttpVersionTheServerDoesNotSpeakIsTheCallersError(String head) throws Exception {
        // found by HostileInputIT: these answered 501 and 505 with System.ServerError
        String answer = raw(head + "Connection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 400").contains("\"ClientMessage\":\"System.ValidationError\"");
    }

    @Test
    void aRefusedPathStillCarriesARequestIdTheCallersLanguageAndItsFamilysEnvelope() throws Exception {
        // found by HostileInputIT: these answers had no X-Request-Id and were always Physical and Turkish
        String physical = raw("GET /api/terminal/%2F..%2Fadmin HTTP/1.1\r\nHost: 127.0.0.1\r\nlocale: en\r\n"
                + "X-Request-Id: refused-1\r\nConnection: close\r\n\r\n");
        String marketplace = raw("GET /api/paywall/member/%2F..%2Fx HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        assertThat(physical).startsWith("HTTP/1.1 400").contains("X-Request-Id: refused-1")
                .contains("\"Message\":\"Validation error: the request could not be read\"");
        assertThat(marketplace).startsWith("HTTP/1.1 400").containsPattern("X-Request-Id: [0-9a-f-]{36}")
                .contains("{\"ErrorCode\":1001,\"Result\":false,\"Message\":\"Doğrulama hatası: istek okunamadı\",\"Body\":null}");
    }

    /**
     * Jetty refuses a request line it cannot read (a path it cannot decode, a NUL in it) before
     * it reads the headers, and keeps no path: the answer is the Physical envelope in Turkish
     * with an X-Request-Id of its own, whatever the caller sent.
     */
    @Test
    void anUnreadableRequestLineIsAnsweredBeforeItsHeadersAreReadWithARequestIdOfItsOwn() throws Exception {
        String answer = raw("GET /api/paywall/member/%zz HTTP/1.1\r\nHost: 127.0.0.1\r\nlocale: en\r\n"
                + "X-Request-Id: refused-2\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 400").containsPattern("X-Request-Id: [0-9a-f-]{36}")
                .contains("\"Message\":\"Doğrulama hatası: istek okunamadı\"")
                .contains("\"ClientMessage\":\"System.ValidationError\"");
    }

    private String raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
