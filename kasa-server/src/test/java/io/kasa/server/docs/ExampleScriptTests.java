package io.kasa.server.docs;

import com.sun.net.httpserver.HttpServer;
import io.kasa.server.docs.DocsExamples.Document;
import io.kasa.server.docs.DocsExamples.Exchange;
import io.kasa.server.docs.ExampleScript.Outcome;
import io.kasa.server.docs.ExampleScript.Run;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runner of a document's examples, with bash and curl for real: variables flow from one
 * example to the next, each example's output and status are its own, a failing one stops the
 * rest, curl's exchanges are recorded, and what an example left running is ended with the run.
 */
class ExampleScriptTests {

    private static final Duration LIMIT = Duration.ofMinutes(1);

    @Test
    void variablesFlowAndEachExampleHasItsOwnOutputAndStatus() throws Exception {
        Document document = DocsExamples.parse("t.md", """
                ```sh example
                X=22
                ```
                ```sh example
                echo "{\\"Amount\\": $X}"
                ```
                ```sh example
                echo partial
                [ "$X" = 23 ] && echo never
                ```
                ```sh example
                echo not reached
                ```
                """);
        Run run = ExampleScript.run("t.md", document.examples(), Files.createTempDirectory("kasa-script-"), Map.of(), LIMIT);

        assertThat(run.outcomes()).extracting(Outcome::exitStatus).containsExactly(0, 0, 1, null);
        assertThat(run.outcomes().get(1).output()).isEqualTo("{\"Amount\": 22}\n");
        assertThat(run.outcomes().get(2).output()).isEqualTo("partial\n");
        assertThat(ExampleScript.firstFailed(run)).get().extracting(outcome -> outcome.example().index()).isEqualTo(3);
        assertThat(run.timedOut()).isFalse();
    }

    @Test
    void aFailingCommandStopsTheScriptThere() throws Exception {
        Document document = DocsExamples.parse("t.md", """
                ```sh example
                false
                echo after
                ```
                ```sh example
                echo next
                ```
                """);
        Run run = ExampleScript.run("t.md", document.examples(), Files.createTempDirectory("kasa-script-"), Map.of(), LIMIT);

        assertThat(run.outcomes()).extracting(Outcome::exitStatus).containsExactly(1, null);
        assertThat(run.outcomes().get(0).output()).isEmpty();
    }

    @Test
    void curlExchangesAreRecordedWithTheirRequestAndAnswer() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/thing", exchange -> {
            byte[] body = ("{\"Got\":" + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8) + "}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(exchange.getRequestMethod().equals("PUT") ? 409 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            Path work = Files.createTempDirectory("kasa-script-");
            Files.writeString(work.resolve("body.json"), "{\"From\":\"file\"}");
            Document document = DocsExamples.parse("t.md", """
                    ```sh example
                    H=(-H 'apiclientprivate: kpr_x' -H 'Content-Type: application/json')
                    curl -s "${H[@]}" "$BASE/api/thing?pageIndex=0" -d '{"A":1}'
                    ```
                    ```sh example
                    curl -s "${H[@]}" -X PUT "$BASE/api/thing" -d @body.json > /dev/null
                    ```
                    ```sh example
                    GOT=$(curl -s "${H[@]}" "$BASE/api/thing" -d '{"B":2}')
                    curl -s "${H[@]}" "$BASE/api/thing" -d '{"C":3}' > /dev/null
                    ```
                    """);
            Run run = ExampleScript.run("t.md", document.examples(), work,
                    Map.of("BASE", "http://127.0.0.1:" + server.getAddress().getPort()), LIMIT);

            assertThat(run.outcomes()).extracting(Outcome::exitStatus).containsExactly(0, 0, 0);
            assertThat(run.outcomes().get(0).output()).as("the body still reaches the example's output")
                    .isEqualTo("{\"Got\":{\"A\":1}}");
            assertThat(run.exchanges()).as("a call made in a command substitution is kept beside the next one")
                    .extracting(Exchange::requestBody)
                    .containsExactly("{\"A\":1}", "{\"From\":\"file\"}", "{\"B\":2}", "{\"C\":3}");
            Exchange first = run.exchanges().get(0);
            assertThat(first.example()).isEqualTo(1);
            assertThat(first.method()).isEqualTo("POST");
            assertThat(first.pathAndQuery()).isEqualTo("/api/thing?pageIndex=0");
            assertThat(first.requestHeaders()).containsEntry("APICLIENTPRIVATE", "kpr_x")
                    .containsEntry("content-type", "application/json");
            assertThat(first.requestBody()).isEqualTo("{\"A\":1}");
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.contentType()).isEqualTo("application/json");
            assertThat(first.body()).isEqualTo("{\"Got\":{\"A\":1}}");
            Exchange second = run.exchanges().get(1);
            assertThat(second.example()).isEqualTo(2);
            assertThat(second.method()).isEqualTo("PUT");
            assertThat(second.requestBody()).isEqualTo("{\"From\":\"file\"}");
            assertThat(second.status()).isEqualTo(409);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void whatAnExampleStartsInTheBackgroundEndsWithTheRun() throws Exception {
        Path work = Files.createTempDirectory("kasa-script-");
        Document document = DocsExamples.parse("t.md", """
                ```sh example
                sleep 600 &
                echo $! > sleeper.pid
                ```
                """);
        Run run = ExampleScript.run("t.md", document.examples(), work, Map.of(), LIMIT);

        assertThat(run.outcomes()).extracting(Outcome::exitStatus).containsExactly(0);
        long sleeper = Long.parseLong(Files.readString(work.resolve("sleeper.pid")).strip());
        assertThat(ProcessHandle.of(sleeper).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void aRunLongerThanItsLimitIsEnded() throws Exception {
        Document document = DocsExamples.parse("t.md", """
                ```sh example
                sleep 600
                ```
                """);
        Run run = ExampleScript.run("t.md", document.examples(), Files.createTempDirectory("kasa-script-"), Map.of(),
                Duration.ofSeconds(2));

        assertThat(run.timedOut()).isTrue();
        assertThat(run.outcomes()).extracting(Outcome::exitStatus).containsExactly((Integer) null);
    }
}
