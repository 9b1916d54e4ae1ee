package io.kasa.server.hostile;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.lang.reflect.Type;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Turns a valid request into many spoilt ones, each spoilt in one place: the credentials,
 * a path variable, a header or query parameter, one field of the body (at any depth), the
 * body as a whole, its content type, the method or the path itself. Which values go where
 * is drawn from {@code random}, so one seed always gives the same probes.
 */
final class Probes {

    /** How many of a field's hostile values one run tries; the seed picks which. */
    private static final int VALUES_PER_FIELD = 3;
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH");
    private static final List<String> MALFORMED_REQUEST_IDS =
            List.of("has spaces", "a".repeat(65), "semi;colon", "quote\"d", "percent%20", "");

    private final ValidRequests valid;
    private final ValidRequests other;
    private final List<Endpoint> all;
    private final Random random;

    /**
     * @param other another merchant's valid requests, for credentials that mix two merchants
     */
    Probes(ValidRequests valid, ValidRequests other, List<Endpoint> all, Random random) {
        this.valid = valid;
        this.other = other;
        this.all = all;
        this.random = random;
    }

    /** The part of a request being spoilt, started as a copy of the valid request. */
    private final class Draft {
        final Endpoint endpoint;
        String method;
        final Map<String, String> pathVariables = new LinkedHashMap<>();
        final Set<String> rawPathVariables = new TreeSet<>();
        final Map<String, String> headers = new LinkedHashMap<>();
        final Map<String, String> query = new LinkedHashMap<>();
        List<Map.Entry<String, String>> credentials;
        ObjectNode body;
        byte[] rawBody;
        String contentType;
        String pathSuffix = "";
        String wholePath;

        Draft(Endpoint endpoint) {
            this.endpoint = endpoint;
            this.method = endpoint.method();
            endpoint.pathVariables().forEach(input -> pathVariables.put(input.name(), valid.pathVariable(endpoint, input.name())));
            endpoint.headers().forEach(input -> headers.put(input.name(), valid.parameter(endpoint, input.name())));
            endpoint.queryParameters().forEach(input -> query.put(input.name(), valid.parameter(endpoint, input.name())));
            credentials = new ArrayList<>(valid.credentials(endpoint));
            body = valid.body(endpoint);
            contentType = body == null ? null : "application/json";
        }

        String path() {
            if (wholePath != null) {
                return wholePath;
            }
            String path = endpoint.pattern();
            for (Map.Entry<String, String> variable : pathVariables.entrySet()) {
                String value = rawPathVariables.contains(variable.getKey()) ? variable.getValue() : segment(variable.getValue());
                path = path.replace("{" + variable.getKey() + "}", value);
            }
            StringBuilder uri = new StringBuilder(path).append(pathSuffix);
            String separator = "?";
            for (Map.Entry<String, String> parameter : query.entrySet()) {
                uri.append(separator).append(parameter.getKey()).append('=')
                        .append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
                separator = "&";
            }
            return uri.toString();
        }

        Probe probe(String label, boolean hostile, String field) {
            List<Map.Entry<String, String>> all = new ArrayList<>(credentials);
            headers.forEach((name, value) -> all.add(Map.entry(name, value)));
            byte[] bytes = rawBody != null ? rawBody : body == null ? null : ValidRequests.JSON.writeValueAsBytes(body);
            return new Probe(endpoint, label, method, path(), List.copyOf(all), contentType, bytes, hostile, field, null);
        }
    }

    private Probe probe(Endpoint endpoint, String label, boolean hostile, String field, Consumer<Draft> spoil) {
        Draft draft = new Draft(endpoint);
        spoil.accept(draft);
        return draft.probe(label, hostile, field);
    }

    // ---------------------------------------------------------------- hostile

    List<Probe> hostile(Endpoint endpoint) {
        List<Probe> probes = new ArrayList<>();
        probes.addAll(credentials(endpoint));
        for (Endpoint.Input variable : endpoint.pathVariables()) {
            Shape shape = Shape.of(variable.type(), null);
            for (Values.Mutant mutant : Values.hostileText(shape)) {
                // a NUL never gets past the container, which cannot name the variable
                boolean named = !mutant.label().equals("NUL inside");
                probes.add(probe(endpoint, "path " + variable.name() + ": " + mutant.label(), true,
                        named ? variable.name() : null,
                        draft -> draft.pathVariables.put(variable.name(), mutant.value().asString())));
            }
            for (String junk : List.of("%00", "%FF", "..%2F..%2Fadmin", "%2e%2e", "%C0%AE%C0%AE")) {
                probes.add(probe(endpoint, "path " + variable.name() + ": " + junk, true, null, draft -> {
                    draft.pathVariables.put(variable.name(), junk);
                    draft.rawPathVariables.add(variable.name());
                }));
            }
        }
        parameters(endpoint, true, probes);
        if (endpoint.hasBody()) {
            ObjectNode body = valid.body(endpoint);
            fields(endpoint, body, endpoint.body().type(), "", true, probes);
            wholeBodies(endpoint, probes);
        }
        methods(endpoint, probes);
        paths(endpoint, probes);
        return decorated(probes);
    }

    private List<Probe> credentials(Endpoint endpoint) {
        List<Probe> probes = new ArrayList<>();
        List<Map.Entry<String, String>> own = valid.credentials(endpoint);
        switch (endpoint.family()) {
            case PHYSICAL, MARKETPLACE -> {
                String client = own.get(0).getKey();
                String key = own.get(1).getKey();
                probes.add(credentials(endpoint, "no keys", List.of()));
                probes.add(credentials(endpoint, "client without key", List.of(own.get(0))));
                probes.add(credentials(endpoint, "key without client", List.of(own.get(1))));
                probes.add(credentials(endpoint, "garbage pair", List.of(Map.entry(client, "kpr_garbage"), Map.entry(key, "garbage"))));
                probes.add(credentials(endpoint, "another merchant's key", List.of(own.get(0), other.credentials(endpoint).get(1))));
                probes.add(credentials(endpoint, "5000-character key", List.of(own.get(0), Map.entry(key, "k".repeat(5000)))));
                var world = valid.world();
                if (endpoint.family() == Endpoint.Family.PHYSICAL) {
                    probes.add(credentials(endpoint, "the public pair", List.of(Map.entry(client, world.publicKey().client()),
                            Map.entry(key, world.publicKey().secret()))));
                    probes.add(credentials(endpoint, "a revoked pair", List.of(Map.entry(client, world.revokedKey().client()),
                            Map.entry(key, world.revokedKey().secret()))));
                } else {
                    probes.add(credentials(endpoint, "the private pair", List.of(Map.entry(client, world.privateKey().client()),
                            Map.entry(key, world.privateKey().secret()))));
                }
            }
            case OPERATOR -> {
                probes.add(credentials(endpoint, "no token", List.of()));
                probes.add(credentials(endpoint, "wrong token", List.of(Map.entry("Authorization", "Bearer kat_wrong"))));
                probes.add(credentials(endpoint, "basic scheme", List.of(Map.entry("Authorization", "Basic YWRtaW46YWRtaW4="))));
                probes.add(credentials(endpoint, "5000-character token", List.of(Map.entry("Authorization", "Bearer " + "t".repeat(5000)))));
            }
            case DASHBOARD_MERCHANT, DASHBOARD_OPERATOR -> {
                probes.add(credentials(endpoint, "no session", List.of()));
                probes.add(credentials(endpoint, "garbage session", List.of(Map.entry("Cookie", "KASA_SESSION=garbage"))));
                Endpoint.Family wrongRole = endpoint.family() == Endpoint.Family.DASHBOARD_MERCHANT
                        ? Endpoint.Family.DASHBOARD_OPERATOR : Endpoint.Family.DASHBOARD_MERCHANT;
                Endpoint elsewhere = new Endpoint(endpoint.method(), endpoint.pattern(), wrongRole, endpoint.pathVariables(),
                        endpoint.headers(), endpoint.queryParameters(), endpoint.body(), endpoint.shape());
                probes.add(credentials(endpoint, "the other role's session", valid.credentials(elsewhere)));
                if (!endpoint.method().equals("GET")) {
                    probes.add(credentials(endpoint, "no CSRF token", List.of(own.get(0))));
                    probes.add(credentials(endpoint, "wrong CSRF token", List.of(own.get(0), Map.entry("X-CSRF-Token", "wrong"))));
                }
            }
            case DASHBOARD_SESSION -> {
                if (endpoint.method().equals("GET")) {
                    probes.add(credentials(endpoint, "no session", List.of()));
                } else if (endpoint.method().equals("DELETE")) {
                    probes.add(credentials(endpoint, "no CSRF token", List.of(own.get(0))));
                    probes.add(credentials(endpoint, "wrong CSRF token", List.of(own.get(0), Map.entry("X-CSRF-Token", "wrong"))));
                }
            }
            case DEVICE -> {
            }
        }
        return probes;
    }

    private Probe credentials(Endpoint endpoint, String label, List<Map.Entry<String, String>> credentials) {
        return probe(endpoint, "credentials: " + label, true, null, draft -> draft.credentials = new ArrayList<>(credentials));
    }

    private void parameters(Endpoint endpoint, boolean hostile, List<Probe> probes) {
        for (Endpoint.Input input : endpoint.headers()) {
            parameter(endpoint, input, true, hostile, probes);
        }
        for (Endpoint.Input input : endpoint.queryParameters()) {
            parameter(endpoint, input, false, hostile, probes);
        }
    }

    private void parameter(Endpoint endpoint, Endpoint.Input input, boolean header, boolean hostile, List<Probe> probes) {
        String validValue = valid.parameter(endpoint, input.name());
        Shape shape = Shape.raw(input.type()) == String.class ? Shape.ofText(validValue) : Shape.of(input.type(), null);
        List<Values.Mutant> mutants = hostile ? Values.hostileText(shape) : Values.oddText(shape);
        for (Values.Mutant mutant : pick(mutants, hostile ? VALUES_PER_FIELD : 2)) {
            String value = mutant.value().asString();
            if (header && !value.chars().allMatch(c -> c >= 0x20 && c <= 0xff)) {
                continue;
            }
            String where = (header ? "header " : "query ") + input.name();
            probes.add(probe(endpoint, where + ": " + mutant.label(), hostile,
                    input.name(),
                    draft -> (header ? draft.headers : draft.query).put(input.name(), value)));
        }
        if (hostile == input.required()) {
            probes.add(probe(endpoint, (header ? "header " : "query ") + input.name() + " missing", hostile,
                    hostile ? input.name() : null, draft -> (header ? draft.headers : draft.query).remove(input.name())));
        }
    }

    /** Spoils each field of {@code node} in turn, and the fields of its objects and of its lists' first items. */
    private void fields(Endpoint endpoint, JsonNode node, Type declared, String prefix, boolean hostile, List<Probe> probes) {
        if (node instanceof ObjectNode object) {
            for (String name : List.copyOf(object.propertyNames())) {
                JsonNode value = object.get(name);
                Type type = Shape.property(declared, name);
                String path = prefix.isEmpty() ? name : prefix + "." + name;
                Shape shape = Shape.of(type, value);
                List<Values.Mutant> mutants = hostile ? Values.hostile(shape, name, value) : Values.odd(shape, value);
                for (Values.Mutant mutant : pick(mutants, hostile ? VALUES_PER_FIELD : 2)) {
                    probes.add(probe(endpoint, "field " + path + ": " + mutant.label(), hostile, path,
                            draft -> replace(draft.body, path, mutant)));
                }
                if (value.isObject() || value.isArray()) {
                    fields(endpoint, value, type, path, hostile, probes);
                }
            }
        } else if (node instanceof ArrayNode list && !list.isEmpty()) {
            fields(endpoint, list.get(0), Shape.element(declared), prefix + "[0]", hostile, probes);
        }
    }

    /** Puts the mutant at the dotted path ({@code Products[0].Name}) of the body. */
    private static void replace(ObjectNode body, String path, Values.Mutant mutant) {
        JsonNode parent = body;
        String[] steps = path.split("\\.");
        for (int i = 0; i < steps.length - 1; i++) {
            parent = step(parent, steps[i]);
        }
        String last = steps[steps.length - 1];
        if (last.endsWith("[0]")) {
            ArrayNode list = (ArrayNode) ((ObjectNode) parent).get(last.substring(0, last.length() - 3));
            if (mutant.remove()) {
                list.remove(0);
            } else {
                list.set(0, mutant.value());
            }
        } else if (mutant.remove()) {
            ((ObjectNode) parent).remove(last);
        } else {
            ((ObjectNode) parent).set(last, mutant.value());
        }
    }

    private static JsonNode step(JsonNode node, String step) {
        if (step.endsWith("[0]")) {
            return node.get(step.substring(0, step.length() - 3)).get(0);
        }
        return node.get(step);
    }

    private void wholeBodies(Endpoint endpoint, List<Probe> probes) {
        byte[] json = ValidRequests.JSON.writeValueAsBytes(valid.body(endpoint));
        int cut = 1 + random.nextInt(json.length - 1);
        probes.add(raw(endpoint, "body truncated at byte " + cut, java.util.Arrays.copyOf(json, cut)));
        byte[] garbage = new byte[16 + random.nextInt(500)];
        random.nextBytes(garbage);
        garbage[0] = '#';
        probes.add(raw(endpoint, "random bytes", garbage));
        byte[] badUtf8 = "{\"Name\":\"\u00ff\u00fe\"}".getBytes(StandardCharsets.ISO_8859_1);
        probes.add(raw(endpoint, "invalid UTF-8", badUtf8));
        for (String other : List.of("[]", "\"text\"", "7", "true", "{\"a\":1}{\"b\":2}")) {
            probes.add(raw(endpoint, "body " + other, other.getBytes(StandardCharsets.UTF_8)));
        }
        if (endpoint.body().required()) {
            probes.add(raw(endpoint, "body null", "null".getBytes(StandardCharsets.UTF_8)));
            probes.add(raw(endpoint, "empty body", new byte[0]));
        }
        String deep = "{\"Deep\":" + "[".repeat(5000) + "]".repeat(5000) + ",";
        probes.add(raw(endpoint, "5000 levels of nesting", splice(json, deep)));
        probes.add(raw(endpoint, "300 KB body", (" ".repeat(300 * 1024) + new String(json, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8)));
        ObjectNode body = valid.body(endpoint);
        List<String> names = List.copyOf(body.propertyNames());
        if (!names.isEmpty()) {
            // the same property again, last, holding a value that is wrong for it: the last one counts
            String name = names.get(random.nextInt(names.size()));
            Shape shape = Shape.of(Shape.property(endpoint.body().type(), name), body.get(name));
            Values.Mutant wrong = pick(Values.hostile(shape, name, body.get(name)), 1).getFirst();
            probes.add(raw(endpoint, "duplicate " + name + " holding " + wrong.label(),
                    (new String(json, StandardCharsets.UTF_8).replaceFirst("}$", "") + ",\"" + name + "\":"
                            + ValidRequests.JSON.writeValueAsString(wrong.value()) + "}").getBytes(StandardCharsets.UTF_8)));
        }
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x")) {
            probes.add(probe(endpoint, "content type " + type, true, null, draft -> draft.contentType = type));
        }
        probes.add(probe(endpoint, "no content type", true, null, draft -> draft.contentType = null));
    }

    private Probe raw(Endpoint endpoint, String label, byte[] body) {
        return probe(endpoint, label, true, null, draft -> draft.rawBody = body);
    }

    /** The JSON object with {@code prefix} put right after its opening brace. */
    private static byte[] splice(byte[] json, String prefix) {
        String text = new String(json, StandardCharsets.UTF_8);
        String inside = text.substring(1);
        return ("{" + prefix.substring(1) + (inside.equals("}") ? "\"End\":0}" : inside)).getBytes(StandardCharsets.UTF_8);
    }

    /** Every method the endpoint's path does not take. */
    private void methods(Endpoint endpoint, List<Probe> probes) {
        String path = new Draft(endpoint).path().split("\\?", 2)[0];
        PathContainer container = PathContainer.parsePath(path);
        Set<String> allowed = new TreeSet<>();
        for (Endpoint candidate : all) {
            if (PathPatternParser.defaultInstance.parse(candidate.pattern()).matches(container)) {
                allowed.add(candidate.method());
            }
        }
        for (String method : METHODS) {
            if (!allowed.contains(method)) {
                probes.add(probe(endpoint, "method " + method, true, null, draft -> draft.method = method));
            }
        }
    }

    private void paths(Endpoint endpoint, List<Probe> probes) {
        probes.add(probe(endpoint, "path with /x appended", true, null, draft -> draft.pathSuffix = "/x"));
        probes.add(probe(endpoint, "path with a trailing slash", true, null, draft -> draft.pathSuffix = "/"));
        probes.add(probe(endpoint, "path in upper case", true, null,
                draft -> draft.wholePath = draft.path().split("\\?", 2)[0].toUpperCase()));
        probes.add(probe(endpoint, "encoded traversal to the operator API", true, null,
                draft -> draft.wholePath = draft.path().split("\\?", 2)[0] + "/%2e%2e".repeat(12) + "/admin/merchants"));
    }

    /** Some hostile probes also carry a request id, a bogus language or an odd Accept header. */
    private List<Probe> decorated(List<Probe> probes) {
        List<Probe> decorated = new ArrayList<>(probes.size());
        for (Probe probe : probes) {
            int dice = random.nextInt(10);
            if (dice == 0) {
                probe = probe.withRequestId(MALFORMED_REQUEST_IDS.get(random.nextInt(MALFORMED_REQUEST_IDS.size())));
            } else if (dice == 1) {
                probe = probe.withRequestId("fuzz-" + random.nextInt(1_000_000));
            } else if (dice == 2) {
                probe = probe.withHeader("Accept", random.nextBoolean() ? "text/html" : "image/png");
            } else if (dice == 3) {
                probe = probe.withHeader("locale", "xx-\u00e7\u00fc");
            }
            decorated.add(probe);
        }
        return decorated;
    }

    // ---------------------------------------------------------------- ids

    /** A place in a valid request that names a record by id: a path variable, a header, a query parameter or a body field. */
    /**
     * A place of a request that names a record. {@code integer}: it takes one of Paywall's
     * marketplace integer ids (a member's, a payment's), not a GUID.
     */
    record IdSlot(String where, String name, boolean integer) {

        IdSlot(String where, String name) {
            this(where, name, false);
        }

        @Override
        public String toString() {
            return where + " " + name;
        }
    }

    /** Every place in the endpoint's valid request that holds an id (or a tag code, which stands in for one). */
    List<IdSlot> idSlots(Endpoint endpoint) {
        List<IdSlot> slots = new ArrayList<>();
        for (Endpoint.Input variable : endpoint.pathVariables()) {
            if (Shape.of(variable.type(), null) == Shape.ID) {
                slots.add(new IdSlot("path", variable.name()));
            }
        }
        for (Endpoint.Input header : endpoint.headers()) {
            if (Shape.ofText(valid.parameter(endpoint, header.name())) == Shape.ID) {
                slots.add(new IdSlot("header", header.name()));
            } else if (INTEGER_ID_HEADERS.contains(header.name())) {
                slots.add(new IdSlot("header", header.name(), true));
            }
        }
        for (Endpoint.Input parameter : endpoint.queryParameters()) {
            if (Shape.ofText(valid.parameter(endpoint, parameter.name())) == Shape.ID) {
                slots.add(new IdSlot("query", parameter.name()));
            }
        }
        if (endpoint.hasBody()) {
            idFields(valid.body(endpoint), endpoint.body().type(), "", slots);
            if (endpoint.pattern().startsWith("/api/paywall/") && valid.body(endpoint) instanceof ObjectNode body) {
                for (String name : body.propertyNames()) {
                    if (INTEGER_ID_FIELDS.contains(name) && body.get(name).isIntegralNumber()) {
                        slots.add(new IdSlot("field", name, true));
                    }
                }
            }
        }
        return slots;
    }

    /** The marketplace's GET inputs that take an integer id (notes §1.6). */
    private static final java.util.Set<String> INTEGER_ID_HEADERS = java.util.Set.of("memberid", "paymentid", "productid",
            "earningid");
    /** The marketplace's body fields that take an integer id. */
    private static final java.util.Set<String> INTEGER_ID_FIELDS = java.util.Set.of("Id", "MemberId", "PaymentId", "ProductId");

    private static void idFields(JsonNode node, Type declared, String prefix, List<IdSlot> slots) {
        if (node instanceof ObjectNode object) {
            for (String name : object.propertyNames()) {
                JsonNode value = object.get(name);
                Type type = Shape.property(declared, name);
                String path = prefix.isEmpty() ? name : prefix + "." + name;
                if (Shape.of(type, value) == Shape.ID || name.equalsIgnoreCase("TerminalTagCode")) {
                    slots.add(new IdSlot("field", path));
                } else if (value.isObject() || value.isArray()) {
                    idFields(value, type, path, slots);
                }
            }
        } else if (node instanceof ArrayNode list && !list.isEmpty()) {
            idFields(list.get(0), Shape.element(declared), prefix + "[0]", slots);
        }
    }

    /** What the slot holds in {@code requests}' valid request to the endpoint. */
    static String value(ValidRequests requests, Endpoint endpoint, IdSlot slot) {
        return switch (slot.where()) {
            case "path" -> requests.pathVariable(endpoint, slot.name());
            case "header", "query" -> requests.parameter(endpoint, slot.name());
            default -> {
                JsonNode node = requests.body(endpoint);
                String[] steps = slot.name().split("\\.");
                for (String step : steps) {
                    node = step(node, step);
                }
                yield node.asString();
            }
        };
    }

    /** The valid request with the slot holding {@code value}. */
    Probe withId(Endpoint endpoint, IdSlot slot, String value, String label) {
        return probe(endpoint, slot + ": " + label, true, null, draft -> {
            switch (slot.where()) {
                case "path" -> draft.pathVariables.put(slot.name(), value);
                case "header" -> draft.headers.put(slot.name(), value);
                case "query" -> draft.query.put(slot.name(), value);
                default -> replace(draft.body, slot.name(), Values.Mutant.of(label, slot.integer()
                        ? ValidRequests.JSON.getNodeFactory().numberNode(Long.parseLong(value))
                        : ValidRequests.JSON.getNodeFactory().stringNode(value)));
            }
        });
    }

    // ---------------------------------------------------------------- odd

    List<Probe> odd(Endpoint endpoint) {
        List<Probe> probes = new ArrayList<>();
        for (Endpoint.Input variable : endpoint.pathVariables()) {
            for (Values.Mutant mutant : pick(Values.oddText(Shape.of(variable.type(), null)), 2)) {
                probes.add(probe(endpoint, "path " + variable.name() + ": " + mutant.label(), false, null,
                        draft -> draft.pathVariables.put(variable.name(), mutant.value().asString())));
            }
        }
        parameters(endpoint, false, probes);
        if (endpoint.hasBody()) {
            fields(endpoint, valid.body(endpoint), endpoint.body().type(), "", false, probes);
            probes.add(probe(endpoint, "unknown properties", false, null, draft -> {
                draft.body.putObject("Unknown").put("Huge", new java.math.BigInteger("9".repeat(2000)));
                draft.body.put("n".repeat(20_000), "long name");
            }));
            probes.add(probe(endpoint, "lower-case property names", false, null, draft -> {
                ObjectNode lower = ValidRequests.JSON.createObjectNode();
                for (Iterator<Map.Entry<String, JsonNode>> it = draft.body.properties().iterator(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> property = it.next();
                    lower.set(property.getKey().toLowerCase(), property.getValue());
                }
                draft.body = lower;
            }));
            probes.add(probe(endpoint, "byte order mark and comments", false, null, draft -> draft.rawBody =
                    ("\uFEFF// a comment\n" + ValidRequests.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(draft.body))
                            .getBytes(StandardCharsets.UTF_8)));
            probes.add(probe(endpoint, "content type with charset", false, null,
                    draft -> draft.contentType = "application/json; charset=UTF-8"));
            if (!endpoint.body().required()) {
                probes.add(probe(endpoint, "no body", false, null, draft -> {
                    draft.rawBody = new byte[0];
                    draft.contentType = null;
                }));
            }
        }
        probes.add(probe(endpoint, "path with a path parameter", false, null, draft -> draft.pathSuffix = ";jsessionid=x"));
        return probes;
    }

    private List<Values.Mutant> pick(List<Values.Mutant> mutants, int count) {
        List<Values.Mutant> shuffled = new ArrayList<>(mutants);
        Collections.shuffle(shuffled, random);
        return shuffled.subList(0, Math.min(count, shuffled.size()));
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
