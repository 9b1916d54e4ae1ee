package io.kasa.server.docs;

import io.kasa.server.OpenApiContract;
import io.kasa.server.docs.DocsExamples.Document;
import io.kasa.server.docs.DocsExamples.Exchange;
import io.kasa.server.docs.DocsExamples.Mismatch;
import io.kasa.server.docs.DocsExamples.Snippet;
import io.kasa.server.docs.ExampleScript.Outcome;
import io.kasa.server.docs.ExampleScript.Run;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The examples of the API documents run against a real Kasa, so none can rot: for each
 * document, a fresh server (the built jar, its own embedded PostgreSQL and demo merchant)
 * and the document's {@code sh example} blocks run in order in one bash process, with the
 * terminal agent as the device where an example starts one. Each example must exit 0, each
 * documented answer must match what the example printed ({@link DocsExamples} has the rules),
 * no exchange may be answered 5xx, and every exchange with the contract's endpoints must be as
 * the served OpenAPI document describes it ({@link OpenApiContract}). Last, every operation of
 * the contract must have been shown succeeding by some document's examples. The document's {@code java} blocks must compile
 * against the SDK. A document without examples yet is skipped, not failed.
 */
class DocsExamplesIT {

    static final List<String> DOCUMENTS = List.of("api.md", "callbacks.md", "device-protocol.md", "marketplace.md", "members.md");
    private static final Path DOCS = Path.of("..", "docs").toAbsolutePath().normalize();
    private static final Path TERMINAL_MODULE = Path.of("..", "kasa-terminal").toAbsolutePath().normalize();
    private static final Path TERMINAL_JAR = TERMINAL_MODULE.resolve("target/kasa-terminal-0.1.0.jar");
    private static final Duration LIMIT_PER_DOCUMENT = Duration.ofMinutes(8);
    private static final ZoneId BUSINESS_ZONE = ZoneId.of("Europe/Istanbul");
    private static final String SNIPPET_IMPORTS =
            "import io.kasa.client.*; import io.kasa.client.Currency; import java.math.*; import java.time.*; import java.util.*;\n";
    private static final int SNIPPET_HEADER_LINES = 2;

    /** The operations ("METHOD /template") some example called with a success the contract accepted. */
    private final Set<String> shownSucceeding = ConcurrentHashMap.newKeySet();
    /** Every operation of the contract, as the servers of the runs served it. */
    private final Set<String> contracted = ConcurrentHashMap.newKeySet();

    @TestFactory
    Stream<DynamicNode> everyDocument() {
        Stream<DynamicNode> documents = DOCUMENTS.stream().map(name -> {
            Document document = read(name);
            return DynamicContainer.dynamicContainer("docs/" + name, Stream.of(
                    DynamicTest.dynamicTest("examples run and answer as documented", () -> runExamples(document)),
                    DynamicTest.dynamicTest("java snippets compile", () -> compileSnippets(document))));
        });
        return Stream.concat(documents, Stream.of(DynamicTest.dynamicTest(
                "every operation of the contract has an example that succeeds", this::everyOperationShown)));
    }

    /** Runs after the documents: each operation of the contract has a documented call that succeeded. */
    private void everyOperationShown() {
        assertThat(contracted).as("the contract's operations, learnt from the documents' runs").isNotEmpty();
        Set<String> missing = new TreeSet<>(contracted);
        missing.removeAll(shownSucceeding);
        assertThat(missing).as("operations no example of " + DOCUMENTS + " shows succeeding").isEmpty();
    }

    /**
     * The settings a document's "Running the examples" asks its reader to start Kasa with:
     * marketplace.md runs on a business clock started at the next Monday, 10:00, so that its
     * payable dates come and its weekday rules hold whatever the real day and hour are, and
     * pays due earnings every {@value #PAYOUT_INTERVAL} rather than every minute, so that its
     * examples do not wait for the automatic run.
     */
    private static final String PAYOUT_INTERVAL = "5s";

    private static List<String> settings(String document) {
        if (!document.equals("docs/marketplace.md")) {
            return List.of();
        }
        ZonedDateTime nextMonday = ZonedDateTime.now(BUSINESS_ZONE).with(TemporalAdjusters.next(DayOfWeek.MONDAY))
                .with(LocalTime.of(10, 0));
        return List.of("--kasa.business-clock-start=" + nextMonday.toOffsetDateTime(),
                "--kasa.marketplace.payout-interval=" + PAYOUT_INTERVAL);
    }

    private static Document read(String name) {
        try {
            return DocsExamples.parse("docs/" + name, Files.readString(DOCS.resolve(name), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read docs/" + name, e);
        }
    }

    private void runExamples(Document document) throws Exception {
        Assumptions.assumeFalse(document.examples().isEmpty(), document.name() + " has no runnable examples yet");
        assertThat(TERMINAL_JAR).as("the terminal agent is packaged before the failsafe run").exists();
        Path workDir = Files.createTempDirectory("kasa-docs-work-");
        Files.createSymbolicLink(workDir.resolve("kasa-terminal"), TERMINAL_MODULE);
        Run run;
        String serverLog;
        OpenApiContract contract;
        try (DocsServer server = DocsServer.start(settings(document.name()))) {
            contract = OpenApiContract.of(server.base());
            contracted.addAll(contract.operationKeys());
            run = ExampleScript.run(document.name(), document.examples(), workDir, Map.of(
                    "KASA", server.base().toString(),
                    "KASA_DEMO", server.demoMerchant().toString(),
                    "JAVA_HOME", System.getProperty("java.home")), LIMIT_PER_DOCUMENT);
            serverLog = server.log().toString();
        }

        List<String> failures = new ArrayList<>();
        if (run.timedOut()) {
            failures.add("the examples did not end within " + LIMIT_PER_DOCUMENT);
        }
        for (Outcome outcome : run.outcomes()) {
            describe(document, outcome).ifPresent(failures::add);
        }
        failures.addAll(exchangeFailures(document, run, contract, shownSucceeding));
        if (!failures.isEmpty()) {
            fail(failures.size() + " failures in the examples of " + document.name() + " (the server's log: "
                    + serverLog + "; the examples' stderr:\n" + tail(run.stderr()) + ")\n\n" + String.join("\n\n", failures));
        }
    }

    /**
     * What is wrong with the HTTP exchanges the examples made: none recorded at all, an answer
     * 5xx, or an exchange of the contract's endpoints that the contract does not describe
     * (the request the server accepted, the status, the content type or the body).
     */
    private static List<String> exchangeFailures(Document document, Run run, OpenApiContract contract,
                                                 Set<String> succeeded) {
        List<String> failures = new ArrayList<>();
        if (run.exchanges().isEmpty() && document.examples().stream().anyMatch(e -> e.script().contains("curl"))) {
            failures.add("no HTTP exchange was recorded, though the examples call curl");
        }
        for (Exchange exchange : run.exchanges()) {
            if (exchange.status() >= 500) {
                Outcome by = run.outcomes().get(exchange.example() - 1);
                failures.add(where(document, by) + ": " + exchange + " answered " + exchange.status() + ":\n"
                        + exchange.body());
            } else if (OpenApiContract.isContracted(URI.create(exchange.url()).getRawPath())) {
                try {
                    contract.validate(exchange.method(), exchange.pathAndQuery(), exchange.requestHeaders(),
                            exchange.requestBody(), exchange.status(), exchange.contentType(), exchange.body());
                    if (exchange.status() / 100 == 2) {
                        contract.operationKey(exchange.method(), exchange.pathAndQuery()).ifPresent(succeeded::add);
                    }
                } catch (AssertionError disagreement) {
                    Outcome by = run.outcomes().get(exchange.example() - 1);
                    failures.add(where(document, by) + ": not as the contract says: " + disagreement.getMessage());
                }
            }
        }
        return failures;
    }

    private static Optional<String> describe(Document document, Outcome outcome) {
        if (!outcome.ran()) {
            return Optional.of(where(document, outcome) + ": did not run to its end");
        }
        if (outcome.exitStatus() != 0) {
            return Optional.of(where(document, outcome) + ": exited with " + outcome.exitStatus()
                    + "; its output:\n" + outcome.output());
        }
        return outcome.example().answer().flatMap(answer -> {
            Optional<Mismatch> mismatch;
            try {
                mismatch = DocsExamples.match(answer.json(), outcome.output());
            } catch (IllegalArgumentException e) {
                return Optional.of(document.name() + " line " + answer.line() + ": " + e.getMessage());
            }
            return mismatch.map(m -> where(document, outcome) + ": the answer does not match the one documented at line "
                    + answer.line() + ", " + m + "\nexpected:\n" + DocsExamples.pretty(answer.json())
                    + "\nactual:\n" + DocsExamples.pretty(outcome.output()));
        });
    }

    private static String where(Document document, Outcome outcome) {
        return document.name() + " line " + outcome.example().line() + " `" + outcome.example().firstLine() + "`";
    }

    private static String tail(String text) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private void compileSnippets(Document document) throws IOException {
        Assumptions.assumeFalse(document.snippets().isEmpty(), document.name() + " has no java snippets");
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<JavaFileObject> sources = new ArrayList<>();
        for (int i = 0; i < document.snippets().size(); i++) {
            sources.add(new SnippetSource(i, document.snippets().get(i)));
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Path classes = Files.createTempDirectory("kasa-docs-snippets-");
        boolean compiled = compiler.getTask(null, null, diagnostics,
                List.of("-d", classes.toString(), "-classpath", System.getProperty("java.class.path"), "-proc:none",
                        "-Xlint:none"), null, sources).call();
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
            if (diagnostic.getKind() == Diagnostic.Kind.ERROR && diagnostic.getSource() instanceof SnippetSource source) {
                long line = source.snippet.line() + diagnostic.getLineNumber() - 1 - SNIPPET_HEADER_LINES;
                errors.add(document.name() + " line " + line + " (the java block at line " + source.snippet.line()
                        + "): " + diagnostic.getMessage(null));
            } else if (diagnostic.getKind() == Diagnostic.Kind.ERROR) {
                errors.add(diagnostic.toString());
            }
        }
        if (!errors.isEmpty()) {
            fail("java snippets of " + document.name() + " that do not compile:\n" + String.join("\n", errors));
        }
        assertThat(compiled).isTrue();
    }

    /** A snippet as the body of a method in which an SDK client and an operator client are in scope. */
    private static final class SnippetSource extends SimpleJavaFileObject {
        private final Snippet snippet;
        private final String code;

        SnippetSource(int index, Snippet snippet) {
            super(URI.create("string:///docs/Snippet" + index + ".java"), Kind.SOURCE);
            this.snippet = snippet;
            this.code = SNIPPET_IMPORTS
                    + "class Snippet" + index + " { void run(KasaClient client, KasaAdminClient admin) throws Exception {\n"
                    + snippet.code() + "\n}}\n";
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }
}
