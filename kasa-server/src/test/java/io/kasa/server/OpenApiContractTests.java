package io.kasa.server;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The judge of the contract tests finds what a real exchange gets wrong, and passes what it gets right. */
class OpenApiContractTests {

    private static final String DOCUMENT = """
            {"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
             "paths": {
               "/things/{id}": {"post": {
                 "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Order"}}}},
                 "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
                               "404": {"$ref": "#/components/responses/Refusal"}}}},
               "/things/list": {"post": {
                 "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"type": "array"}}}}}}}},
             "components": {
               "schemas": {
                 "Order": {"type": "object", "required": ["Name"], "properties": {"Name": {"type": "string", "maxLength": 5}}},
                 "Thing": {"type": "object", "required": ["Id", "Note"], "additionalProperties": false,
                           "properties": {"Id": {"type": "string", "format": "uuid"}, "Note": {"type": ["string", "null"]}}}},
               "responses": {"Refusal": {"description": "refused", "content": {"application/json": {"schema": {
                 "type": "object", "required": ["ErrorCode"], "properties": {"ErrorCode": {"type": "integer", "minimum": 1}}}}}}}}}
            """;
    private static final String THING = "{\"Id\":\"38e895c3-1a9a-4b73-8816-8557d1d031d6\",\"Note\":null}";

    private final OpenApiContract contract = OpenApiContract.ofDocument(DOCUMENT);

    @Test
    void aDocumentedExchangePasses() {
        assertThatCode(() -> contract.validate("POST", "/things/7?x=1", Map.of(), "{\"Name\":\"a\"}", 200,
                "application/json;charset=UTF-8", THING)).doesNotThrowAnyException();
        assertThatCode(() -> contract.validate("POST", "/things/7", Map.of(), "{}", 404, "application/json",
                "{\"ErrorCode\":3001}")).doesNotThrowAnyException();
    }

    @Test
    void aLiteralPathIsMatchedBeforeATemplate() {
        assertThatCode(() -> contract.validate("POST", "/things/list", Map.of(), null, 200, "application/json", "[]"))
                .doesNotThrowAnyException();
    }

    @Test
    void anAnswerThatBreaksItsSchemaFailsWithTheExchange() {
        assertThatThrownBy(() -> contract.validate("POST", "/things/7", Map.of("locale", "en"), "{\"Name\":\"a\"}", 200,
                "application/json", "{\"Id\":\"38e895c3-1a9a-4b73-8816-8557d1d031d6\",\"Extra\":1}"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Note").hasMessageContaining("Extra").hasMessageContaining("--- exchange ---");
        assertThatThrownBy(() -> contract.validate("POST", "/things/7", Map.of(), "{}", 404, "application/json",
                "{\"ErrorCode\":0}")).hasMessageContaining("ErrorCode");
    }

    @Test
    void anUndocumentedStatusContentTypeOrPathFails() {
        assertThatThrownBy(() -> contract.validate("POST", "/things/7", Map.of(), "{}", 409, "application/json", "{}"))
                .hasMessageContaining("does not document status 409");
        assertThatThrownBy(() -> contract.validate("POST", "/things/7", Map.of(), "{\"Name\":\"a\"}", 200, "text/html", THING))
                .hasMessageContaining("not 'text/html'");
        assertThatThrownBy(() -> contract.validate("GET", "/things/7", Map.of(), null, 200, "application/json", THING))
                .hasMessageContaining("no operation of the document matches GET /things/7");
    }

    @Test
    void anAcceptedRequestMustMatchTheDocumentedBody() {
        assertThatThrownBy(() -> contract.validate("POST", "/things/7", Map.of(), "{\"Name\":\"too long\"}", 200,
                "application/json", THING)).hasMessageContaining("request body");
        assertThatThrownBy(() -> contract.validate("POST", "/things/7", Map.of(), null, 200, "application/json", THING))
                .hasMessageContaining("documents a required body");
    }
}
