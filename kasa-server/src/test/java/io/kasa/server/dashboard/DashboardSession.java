package io.kasa.server.dashboard;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * A browser-like caller of the dashboard's JSON API: it keeps the session cookie and sends
 * the CSRF token it was given on every state-changing call (unless told otherwise).
 */
final class DashboardSession {

    static final JsonMapper JSON = JsonMapper.builder().build();

    record Reply(int status, String body, HttpResponse<String> response) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        JsonNode result() {
            return json().get("Result");
        }
    }

    private final URI base;
    private final HttpClient http;
    final List<String> getBodies = new ArrayList<>();
    String csrf;

    DashboardSession(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    }

    Reply signInMerchant(String client, String secret) {
        return signIn(JSON.createObjectNode().put("ApiClientPrivate", client).put("ApiKeyPrivate", secret).toString());
    }

    Reply signInOperator(String token) {
        return signIn(JSON.createObjectNode().put("AdminToken", token).toString());
    }

    private Reply signIn(String body) {
        Reply reply = send("POST", "/dashboard/api/session", body, null);
        if (reply.status() == 200) {
            csrf = reply.result().get("CsrfToken").asString();
        }
        return reply;
    }

    Reply get(String path) {
        Reply reply = send("GET", path, null, null);
        getBodies.add(reply.body());
        return reply;
    }

    Reply post(String path, String body) {
        return send("POST", path, body, csrf);
    }

    Reply delete(String path) {
        return send("DELETE", path, null, csrf);
    }

    Reply send(String method, String path, String body, String csrfToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("locale", "en");
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (csrfToken != null) {
            request.header("X-CSRF-Token", csrfToken);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
