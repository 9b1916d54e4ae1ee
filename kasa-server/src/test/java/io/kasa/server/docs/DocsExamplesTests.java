package io.kasa.server.docs;

import io.kasa.server.docs.DocsExamples.Document;
import io.kasa.server.docs.DocsExamples.Mismatch;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules that hold a documented answer against a real one, and how a document is read into examples. */
class DocsExamplesTests {

    private static Optional<Mismatch> match(String documented, String actual) {
        return DocsExamples.match(documented, actual);
    }

    @Test
    void equalValuesMatchAndNumbersAreComparedNumerically() {
        assertThat(match("{\"Amount\": 22, \"Name\": \"Saç Tıraşı\", \"On\": true, \"None\": null}",
                "{\"None\": null, \"On\": true, \"Name\": \"Saç Tıraşı\", \"Amount\": 22.00}")).isEmpty();
    }

    @Test
    void aWrongValueIsRefusedAtItsPath() {
        Optional<Mismatch> wrong = match("{\"Result\": {\"Items\": [{\"Amount\": 22}]}}",
                "{\"Result\": {\"Items\": [{\"Amount\": 23}]}}");
        assertThat(wrong).get().extracting(Mismatch::path).isEqualTo("$.Result.Items[0].Amount");
        assertThat(wrong.get().expected()).isEqualTo("22");
        assertThat(wrong.get().actual()).isEqualTo("23");
        assertThat(match("{\"Message\": \"Terminal bulunamadı\"}", "{\"Message\": \"Terminal not found\"}")).isPresent();
        assertThat(match("{\"On\": true}", "{\"On\": false}")).isPresent();
        assertThat(match("{\"Result\": null}", "{\"Result\": {}}")).isPresent();
        assertThat(match("{\"Amount\": 22}", "{\"Amount\": \"22\"}")).as("a string is not a number").isPresent();
    }

    @Test
    void aMissingKeyOrAnExtraKeyIsRefused() {
        assertThat(match("{\"A\": 1, \"B\": 2}", "{\"A\": 1}")).get()
                .satisfies(m -> assertThat(m.path()).isEqualTo("$.B"))
                .satisfies(m -> assertThat(m.reason()).contains("missing"));
        assertThat(match("{\"A\": 1}", "{\"A\": 1, \"B\": 2}")).get()
                .satisfies(m -> assertThat(m.path()).isEqualTo("$.B"))
                .satisfies(m -> assertThat(m.reason()).contains("not documented"));
        assertThat(match("{\"A\": 1}", "{\"a\": 1}")).as("keys are case-sensitive").isPresent();
    }

    @Test
    void theEllipsisMatchesAnyValueButNotAMissingKey() {
        assertThat(match("{\"PairCode\": \"…\", \"Id\": \"…\"}", "{\"PairCode\": \"949161\", \"Id\": 42}")).isEmpty();
        assertThat(match("{\"X\": \"…\"}", "{\"X\": {\"nested\": [1, 2]}}")).isEmpty();
        assertThat(match("{\"X\": \"…\"}", "{\"X\": null}")).isEmpty();
        assertThat(match("{\"X\": \"…\", \"Y\": 1}", "{\"Y\": 1}")).isPresent();
    }

    @Test
    void arraysMatchElementByElementAndALastEllipsisTakesTheRest() {
        assertThat(match("[1, 2]", "[1, 2]")).isEmpty();
        assertThat(match("[1, 2]", "[1]")).get().extracting(Mismatch::reason).asString().contains("1 elements");
        assertThat(match("[1, 2]", "[1, 2, 3]")).isPresent();
        assertThat(match("[2, 1]", "[1, 2]")).as("order counts").isPresent();
        assertThat(match("[1, \"…\"]", "[1]")).isEmpty();
        assertThat(match("[1, \"…\"]", "[1, 2, 3]")).isEmpty();
        assertThat(match("[1, \"…\"]", "[]")).as("the elements before the ellipsis are needed").isPresent();
        assertThat(match("[1, \"…\"]", "[2, 3]")).isPresent();
        assertThat(match("[\"…\", 1]", "[5, 1]")).isEmpty();
        assertThat(match("[\"…\", 1]", "[5, 6, 1]")).as("only a last ellipsis is open-ended").isPresent();
    }

    @Test
    void aDocumentedUuidMatchesAnyUuidAndNothingElse() {
        String documented = "{\"PaymentRequestId\": \"1eb856a8-1d41-49ab-8994-ecee2880d62c\"}";
        assertThat(match(documented, "{\"PaymentRequestId\": \"0191b2a4-5c6d-7e8f-9a0b-1c2d3e4f5a6b\"}")).isEmpty();
        assertThat(match(documented, "{\"PaymentRequestId\": \"0191B2A4-5C6D-7E8F-9A0B-1C2D3E4F5A6B\"}")).isEmpty();
        assertThat(match(documented, "{\"PaymentRequestId\": \"not-a-uuid\"}")).get()
                .extracting(Mismatch::reason).asString().contains("UUID");
        assertThat(match(documented, "{\"PaymentRequestId\": null}")).isPresent();
        assertThat(match(documented, "{\"PaymentRequestId\": 42}")).isPresent();
    }

    @Test
    void aDocumentedDateTimeMatchesAnyDateTimeWithOrWithoutFractionAndOffset() {
        String documented = "{\"CreatedDate\": \"2024-09-02T13:52:34.504179\"}";
        assertThat(match(documented, "{\"CreatedDate\": \"2026-12-05T04:01:02\"}")).isEmpty();
        assertThat(match(documented, "{\"CreatedDate\": \"2026-12-05T04:01:02.1+03:00\"}")).isEmpty();
        assertThat(match(documented, "{\"CreatedDate\": \"2026-12-05T04:01:02Z\"}")).isEmpty();
        assertThat(match(documented, "{\"CreatedDate\": \"2026-12-05\"}")).isPresent();
        assertThat(match(documented, "{\"CreatedDate\": null}")).isPresent();
        assertThat(match("{\"Day\": \"2026-12-05\"}", "{\"Day\": \"2026-12-06\"}")).as("a day is compared exactly").isPresent();
    }

    @Test
    void theOutputMustBeOneJsonDocument() {
        assertThat(match("{}", "")).get().extracting(Mismatch::reason).asString().contains("printed nothing");
        assertThat(match("{}", "{}{}")).get().extracting(Mismatch::reason).asString().contains("not one JSON document");
        assertThat(match("{}", "HTTP/1.1 200 OK")).isPresent();
        assertThatThrownBy(() -> match("{oops", "{}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDocumentIsReadIntoExamplesTheirAnswersAndSnippets() {
        String markdown = """
                # Title

                ```sh example
                KASA=${KASA:-http://localhost:8080}
                ```

                Text.

                ```sh example
                curl -s "$KASA/x"
                ```

                ```json answer
                { "A": 1 }
                ```
                ```java
                client.terminals();
                ```

                ```sh
                not run
                ```
                ```sh example
                echo separated
                ```
                Prose between: no answer.
                ```json
                { "B": 2 }
                ```
                """;
        Document document = DocsExamples.parse("t.md", markdown);
        assertThat(document.examples()).hasSize(3);
        assertThat(document.examples().get(0).line()).isEqualTo(4);
        assertThat(document.examples().get(0).answer()).isEmpty();
        assertThat(document.examples().get(1).firstLine()).isEqualTo("curl -s \"$KASA/x\"");
        assertThat(document.examples().get(1).answer()).get()
                .satisfies(answer -> assertThat(answer.line()).isEqualTo(14))
                .satisfies(answer -> assertThat(answer.json()).isEqualTo("{ \"A\": 1 }\n"));
        assertThat(document.examples().get(2).answer()).isEmpty();
        assertThat(document.snippets()).singleElement()
                .satisfies(snippet -> assertThat(snippet.line()).isEqualTo(17));
    }

    @Test
    void anAnswerThatFollowsNoExampleIsAnErrorInTheDocument() {
        assertThatThrownBy(() -> DocsExamples.parse("t.md", """
                ```sh example
                true
                ```
                Prose.
                ```json answer
                {}
                ```
                """)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("t.md line 6");
    }
}
