package io.kasa.server.reference;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The merged contract is a valid OpenAPI 3.1 document, and merging refuses a name defined twice. */
class ApiContractTests {

    private final ApiContract contract = new ApiContract();

    @Test
    void theMergedDocumentParsesAsOpenApi31WithoutMessages() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIParser()
                .readContents(new String(contract.json(), StandardCharsets.UTF_8), null, options);
        assertThat(parsed.getMessages()).as("parser messages").isEmpty();
        assertThat(parsed.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
        assertThat(parsed.getOpenAPI().getPaths()).as("paths").isNotEmpty();
    }

    @Test
    void everyReferenceResolvesInTheMergedDocument() {
        JsonNode document = contract.document();
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);
        assertThat(refs).as("the document's $refs").isNotEmpty();
        assertThat(refs).as("$refs that point nowhere")
                .filteredOn(ref -> !ref.startsWith("#/") || document.at(ref.substring(1)).isMissingNode())
                .isEmpty();
    }

    @Test
    void operationIdsAreUniqueAndCamelCase() {
        Map<String, String> seen = new HashMap<>();
        List<String> problems = new ArrayList<>();
        JsonNode paths = contract.document().get("paths");
        for (String path : paths.propertyNames()) {
            for (String method : paths.get(path).propertyNames()) {
                String id = paths.get(path).get(method).path("operationId").asString("");
                String where = method.toUpperCase() + " " + path;
                if (!id.matches("[a-z][A-Za-z0-9]*")) {
                    problems.add(where + ": operationId '" + id + "' is not camelCase");
                }
                String before = seen.put(id, where);
                if (before != null) {
                    problems.add(where + ": operationId " + id + " also names " + before);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /** With {@code type: [x, "null"]}, an {@code enum} without null would refuse the null the type allows. */
    @Test
    void aNullableSchemaWithAnEnumListsNullAmongItsValues() {
        List<String> problems = new ArrayList<>();
        collectNullableEnumsWithoutNull(contract.document(), "", problems);
        assertThat(problems).as("nullable schemas whose enum leaves out null").isEmpty();
    }

    @Test
    void aPathDefinedByTwoFragmentsStopsTheStart() {
        String base = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a: {}\n";
        assertThatThrownBy(() -> new ApiContract(Map.of(ApiContract.BASE, base, "other.yaml", "paths:\n  /a: {}\n")))
                .hasMessageContaining("path /a is defined twice");
    }

    @Test
    void aComponentDefinedByTwoFragmentsStopsTheStart() {
        String base = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\ncomponents:\n  schemas:\n    A: {type: string}\n";
        assertThatThrownBy(() -> new ApiContract(Map.of(ApiContract.BASE, base,
                "other.yaml", "components:\n  schemas:\n    A: {type: integer}\n")))
                .hasMessageContaining("components.schemas A is defined twice");
    }

    @Test
    void aFragmentHoldsOnlyPathsComponentsAndTags() {
        String base = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\n";
        assertThatThrownBy(() -> new ApiContract(Map.of(ApiContract.BASE, base, "other.yaml", "servers: []\n")))
                .hasMessageContaining("not servers");
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            for (String name : node.propertyNames()) {
                JsonNode value = node.get(name);
                if (name.equals("$ref") && value.isString()) {
                    refs.add(value.asString());
                } else {
                    collectRefs(value, refs);
                }
            }
        } else if (node.isArray()) {
            node.forEach(item -> collectRefs(item, refs));
        }
    }

    private static void collectNullableEnumsWithoutNull(JsonNode node, String pointer, List<String> problems) {
        if (node.isObject()) {
            JsonNode type = node.path("type");
            boolean nullable = type.isArray() && type.valueStream().anyMatch(t -> t.asString().equals("null"));
            if (nullable && node.has("enum") && node.get("enum").valueStream().noneMatch(JsonNode::isNull)) {
                problems.add(pointer);
            }
            node.propertyNames().forEach(name ->
                    collectNullableEnumsWithoutNull(node.get(name), pointer + "/" + name, problems));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectNullableEnumsWithoutNull(node.get(i), pointer + "/" + i, problems);
            }
        }
    }
}
