package io.kasa.server;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The contract a running server serves at {@code /openapi.json}, as a judge of real
 * exchanges: {@link #validate} finds the documented operation of a request (a literal path
 * before a templated one, as OpenAPI matches them) and holds the answer against it — its
 * status must be documented, its content type one the status documents, its body valid
 * under that schema (JSON Schema 2020-12 in OpenAPI 3.1's dialect, networknt's validator).
 * A request the server accepted (2xx) must also match the documented request body, so an
 * example that works but is not what the document describes fails too.
 */
public final class OpenApiContract {

    /** The document's name for the validator; its {@code $ref}s are local, so nothing is fetched. */
    private static final String DOCUMENT = "https://contract.kasa.invalid/openapi.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Requests as the server reads them: Paywall's samples carry comments. */
    private static final JsonMapper REQUESTS = JsonMapper.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).build();
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");

    private final JsonNode document;
    private final SchemaRegistry registry;
    private final List<Operation> operations;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    /** One documented operation: its method, path template and the pointer to it in the document. */
    record Operation(String method, String template, Pattern pattern, String pointer, int variables) {

        String key() {
            return method + " " + template;
        }
    }

    private OpenApiContract(String text) {
        this.document = JSON.readTree(text);
        this.registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(),
                builder -> builder.schemas(Map.of(DOCUMENT, text)));
        List<Operation> found = new ArrayList<>();
        JsonNode paths = document.path("paths");
        for (String template : paths.propertyNames()) {
            for (String method : METHODS) {
                if (paths.get(template).has(method)) {
                    String regex = "\\Q" + template.replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q") + "\\E";
                    found.add(new Operation(method.toUpperCase(Locale.ROOT), template, Pattern.compile(regex),
                            "/paths/" + escape(template) + "/" + method, template.split("\\{", -1).length - 1));
                }
            }
        }
        found.sort(Comparator.comparingInt(Operation::variables));
        this.operations = List.copyOf(found);
    }

    /**
     * Whether a path (or a controller's path pattern) belongs in the contract: everything the
     * controllers serve but the dashboard's pages and session-authenticated JSON
     * ({@code /dashboard/**}) and the container's {@code /error}.
     */
    public static boolean isContracted(String path) {
        return !(path.equals("/error") || path.startsWith("/dashboard/") || path.equals("/dashboard"));
    }

    /** Loads the document the server at {@code baseUri} serves. */
    public static OpenApiContract of(URI baseUri) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(baseUri.resolve("/openapi.json")).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (answer.statusCode() != 200) {
                throw new AssertionError("GET /openapi.json answered " + answer.statusCode() + ": " + answer.body());
            }
            return new OpenApiContract(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A judge of the given document, for tests of the judge itself. */
    static OpenApiContract ofDocument(String json) {
        return new OpenApiContract(json);
    }

    /**
     * Holds one real exchange against the document; throws an AssertionError listing every
     * disagreement, with the exchange.
     */
    public void validate(String method, String pathAndQuery, Map<String, String> requestHeaders, String requestBody,
                         int status, String responseContentType, String responseBody) {
        List<String> problems = new ArrayList<>();
        Optional<Operation> found = operation(method, pathAndQuery);
        if (found.isEmpty()) {
            problems.add("no operation of the document matches " + method + " " + path(pathAndQuery));
        } else {
            Operation operation = found.get();
            JsonNode node = document.at(operation.pointer());
            if (status >= 200 && status < 300) {
                checkRequest(operation, node, requestBody, problems);
            }
            checkResponse(operation, node, status, responseContentType, responseBody, problems);
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(String.join("\n", problems) + "\n--- exchange ---\n" + method + " " + pathAndQuery + "\n"
                    + requestHeaders + "\n" + (requestBody == null ? "" : requestBody) + "\n--> " + status + " "
                    + responseContentType + "\n" + responseBody);
        }
    }

    /** Every documented operation, as "METHOD /template". */
    public List<String> operationKeys() {
        return operations.stream().map(Operation::key).toList();
    }

    /** The documented operation a request is for, as "METHOD /template". */
    public Optional<String> operationKey(String method, String pathAndQuery) {
        return operation(method, pathAndQuery).map(Operation::key);
    }

    /** The operation's node: its security, request body and responses. */
    JsonNode operationNode(String key) {
        return operations.stream().filter(o -> o.key().equals(key)).findFirst()
                .map(o -> document.at(o.pointer())).orElseThrow(() -> new IllegalArgumentException("no operation " + key));
    }

    JsonNode document() {
        return document;
    }

    private Optional<Operation> operation(String method, String pathAndQuery) {
        String path = path(pathAndQuery);
        String upper = method.toUpperCase(Locale.ROOT);
        return operations.stream().filter(o -> o.method().equals(upper) && o.pattern().matcher(path).matches()).findFirst();
    }

    private void checkRequest(Operation operation, JsonNode node, String requestBody, List<String> problems) {
        JsonNode content = node.path("requestBody").path("content").path("application/json");
        if (requestBody == null || requestBody.isBlank() || content.isMissingNode()) {
            if (node.path("requestBody").path("required").asBoolean(false) && (requestBody == null || requestBody.isBlank())) {
                problems.add(operation.key() + " documents a required body, but an accepted request sent none");
            }
            return;
        }
        validateJson(REQUESTS, "request body of " + operation.key(),
                operation.pointer() + "/requestBody/content/application~1json/schema", requestBody, problems);
    }

    private void checkResponse(Operation operation, JsonNode node, int status, String contentType, String body,
                               List<String> problems) {
        String pointer = operation.pointer() + "/responses/" + status;
        JsonNode response = document.at(pointer);
        if (response.isMissingNode()) {
            pointer = operation.pointer() + "/responses/default";
            response = document.at(pointer);
        }
        if (response.isMissingNode()) {
            problems.add(operation.key() + " does not document status " + status);
            return;
        }
        while (response.has("$ref")) {
            pointer = response.get("$ref").asString().substring(1);
            response = document.at(pointer);
        }
        JsonNode content = response.path("content");
        boolean hasBody = body != null && !body.isEmpty();
        if (content.isMissingNode() || content.isEmpty()) {
            if (hasBody) {
                problems.add(operation.key() + " " + status + " documents no body, but one came");
            }
            return;
        }
        String mediaType = contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (!content.has(mediaType)) {
            problems.add(operation.key() + " " + status + " documents " + content.propertyNames() + ", not '" + contentType + "'");
            return;
        }
        if (!mediaType.endsWith("json")) {
            return;
        }
        validateJson(JSON, "answer " + status + " of " + operation.key(), pointer + "/content/" + escape(mediaType) + "/schema",
                hasBody ? body : "", problems);
    }

    private void validateJson(JsonMapper reader, String what, String schemaPointer, String text, List<String> problems) {
        JsonNode value;
        try {
            value = reader.readTree(text);
        } catch (JacksonException notJson) {
            problems.add(what + " is not JSON: " + notJson.getOriginalMessage());
            return;
        }
        if (value == null || value.isMissingNode()) {
            problems.add(what + " is empty");
            return;
        }
        Schema schema = schemas.computeIfAbsent(schemaPointer, pointer -> registry.getSchema(
                SchemaLocation.of(DOCUMENT + "#" + encode(pointer))));
        for (Error error : schema.validate(value)) {
            problems.add(what + ": " + error);
        }
    }

    private static String path(String pathAndQuery) {
        int query = pathAndQuery.indexOf('?');
        return query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
    }

    /** A name as one JSON Pointer token. */
    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** A JSON Pointer as a URI fragment. */
    private static String encode(String pointer) {
        StringBuilder fragment = new StringBuilder();
        for (String token : pointer.split("/", -1)) {
            if (!fragment.isEmpty() || !token.isEmpty()) {
                fragment.append('/');
            }
            fragment.append(URLEncoder.encode(token, StandardCharsets.UTF_8).replace("+", "%20").replace("%7E", "~"));
        }
        return fragment.toString();
    }
}
