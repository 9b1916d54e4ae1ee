package io.kasa.server.docs;

import io.kasa.server.docs.DocsExamples.Example;
import io.kasa.server.docs.DocsExamples.Exchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A document's examples run as a reader runs them: one after another in one bash process
 * ({@code bash -e -o pipefail}), so shell variables flow from one example to the next, in a
 * working directory of the caller's.
 *
 * <p>The script's prelude opens a marker file on descriptor 3 and defines {@code curl} as a
 * function: each example sends its standard output to a file of its own and writes
 * {@code start n} and {@code end n <status>} markers, so the runner knows each example's output and which
 * one stopped the script; the function records every HTTP exchange (method, URL, the
 * {@code -H} and {@code -d} arguments, status, content type and raw body) in files of
 * {@code exchanges/}. bash is started as the leader of a new session ({@code setsid}), so that
 * what the examples start in the background ({@code … &}) is ended with it, by its process group.
 */
final class ExampleScript {

    private static final String PRELUDE = """
            exec 3>>"$DOCS_RUN/markers"
            curl() {
              # Named by the time and the shell, not by a counter: a call in $(…) runs in a
              # subshell whose counter the next call would not see, and would be overwritten.
              local x previous= argument status=0
              x="$DOCS_RUN/exchanges/${EPOCHREALTIME/./}-$BASHPID"
              printf '%s\\n' "$DOCS_EXAMPLE" > "$x.example"
              : > "$x.headers"
              for argument in "$@"; do
                case "$previous" in
                  -d|--data|--data-ascii|--data-binary|--json)
                    if [[ "$argument" == @* ]]; then cat -- "${argument#@}" > "$x.request"; else printf '%s' "$argument" > "$x.request"; fi ;;
                  --data-raw) printf '%s' "$argument" > "$x.request" ;;
                  -H|--header) printf '%s\\n' "$argument" >> "$x.headers" ;;
                esac
                previous=$argument
              done
              command curl "$@" -w '%{stderr}%{method}\\n%{response_code}\\n%{content_type}\\n%{url_effective}\\n' \\
                2> "$x.meta" | tee "$x.body" || status=$?
              head -n -4 "$x.meta" >&2
              return "$status"
            }
            """;

    /** What became of one example: its exit status (null when it did not end) and its standard output. */
    record Outcome(Example example, Integer exitStatus, String output) {

        boolean ran() {
            return exitStatus != null;
        }
    }

    /** What the whole run left: each example's outcome, every exchange, the script's own stderr and whether it timed out. */
    record Run(List<Outcome> outcomes, List<Exchange> exchanges, String stderr, boolean timedOut) {
    }

    private ExampleScript() {
    }

    /** The script of the examples, as bash runs it: the prelude, then each example between its markers. */
    static String script(String document, List<Example> examples) {
        StringBuilder script = new StringBuilder(PRELUDE);
        for (Example example : examples) {
            script.append("\n# ").append(document).append(" line ").append(example.line()).append('\n')
                    .append("DOCS_EXAMPLE=").append(example.index())
                    .append("; exec >\"$DOCS_RUN/out/").append(example.index()).append("\"; echo start ")
                    .append(example.index()).append(" >&3\n")
                    .append(example.script())
                    .append("\nDOCS_STATUS=$?; echo end ").append(example.index())
                    .append(" $DOCS_STATUS >&3; [ $DOCS_STATUS = 0 ] || exit $DOCS_STATUS\n");
        }
        return script.toString();
    }

    /**
     * Runs the examples in {@code workDir} with {@code environment} added, waits at most
     * {@code limit}, and then ends every process the script started.
     */
    static Run run(String document, List<Example> examples, Path workDir, Map<String, String> environment,
                   Duration limit) throws IOException, InterruptedException {
        Path runDir = Files.createTempDirectory("kasa-docs-run-");
        Files.createDirectories(runDir.resolve("out"));
        Files.createDirectories(runDir.resolve("exchanges"));
        Path script = Files.writeString(runDir.resolve("examples.sh"), script(document, examples));
        Path stderr = runDir.resolve("stderr");
        ProcessBuilder builder = new ProcessBuilder("setsid", "bash", "-e", "-o", "pipefail", script.toString())
                .directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(runDir.resolve("stdout").toFile())
                .redirectError(stderr.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("DOCS_RUN", runDir.toString());
        Process bash = builder.start();
        boolean ended = bash.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        killGroup(bash.pid());
        if (!ended) {
            bash.destroyForcibly();
            bash.waitFor(30, TimeUnit.SECONDS);
        }
        Map<Integer, Integer> statuses = statuses(runDir.resolve("markers"), ended ? bash.exitValue() : null);
        List<Outcome> outcomes = new ArrayList<>();
        for (Example example : examples) {
            Path out = runDir.resolve("out").resolve(Integer.toString(example.index()));
            String output = Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
            outcomes.add(new Outcome(example, statuses.get(example.index()), output));
        }
        return new Run(outcomes, exchanges(runDir.resolve("exchanges")),
                Files.readString(stderr, StandardCharsets.UTF_8), !ended);
    }

    /**
     * Each example's exit status from the markers: for one that ended, the status of its last
     * command (which {@code bash -e} does not stop on when it ends an {@code &&} list, so the
     * script stops there itself); the script's status for the one that started and did not end
     * (bash -e stopped there); none for those never reached.
     */
    private static Map<Integer, Integer> statuses(Path markers, Integer scriptStatus) throws IOException {
        Map<Integer, Integer> statuses = new HashMap<>();
        if (!Files.exists(markers)) {
            return statuses;
        }
        Integer started = null;
        for (String line : Files.readAllLines(markers, StandardCharsets.UTF_8)) {
            String[] parts = line.split(" ");
            int index = Integer.parseInt(parts[1]);
            if (parts[0].equals("start")) {
                started = index;
            } else {
                statuses.put(index, Integer.parseInt(parts[2]));
                started = null;
            }
        }
        if (started != null && scriptStatus != null) {
            statuses.put(started, scriptStatus);
        }
        return statuses;
    }

    /** SIGTERM to the script's process group (the agents it started in the background), then SIGKILL to what is left. */
    private static void killGroup(long pid) throws IOException, InterruptedException {
        signal("-TERM", pid);
        for (int i = 0; i < 100 && groupAlive(pid); i++) {
            Thread.sleep(100);
        }
        signal("-KILL", pid);
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        new ProcessBuilder("kill", signal, "--", "-" + pid).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
    }

    private static boolean groupAlive(long pid) throws IOException, InterruptedException {
        return new ProcessBuilder("kill", "-0", "--", "-" + pid).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
    }

    private static List<Exchange> exchanges(Path dir) throws IOException {
        List<Exchange> exchanges = new ArrayList<>();
        List<Path> metas;
        try (Stream<Path> files = Files.list(dir)) {
            metas = files.filter(file -> file.getFileName().toString().endsWith(".meta")).sorted().toList();
        }
        for (Path meta : metas) {
            String base = meta.getFileName().toString().replace(".meta", "");
            List<String> written = Files.readAllLines(meta, StandardCharsets.UTF_8);
            if (written.size() < 4) {
                continue;
            }
            List<String> last = written.subList(written.size() - 4, written.size());
            Map<String, String> headers = new LinkedHashMap<>();
            for (String header : Files.readAllLines(dir.resolve(base + ".headers"), StandardCharsets.UTF_8)) {
                int colon = header.indexOf(':');
                if (colon > 0) {
                    headers.put(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
                }
            }
            Path request = dir.resolve(base + ".request");
            exchanges.add(new Exchange(
                    Integer.parseInt(Files.readString(dir.resolve(base + ".example")).strip()),
                    last.get(0), last.get(3), headers,
                    Files.exists(request) ? Files.readString(request, StandardCharsets.UTF_8) : null,
                    Integer.parseInt(last.get(1)), last.get(2),
                    read(dir.resolve(base + ".body"))));
        }
        return exchanges;
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    static Optional<Outcome> firstFailed(Run run) {
        return run.outcomes().stream().filter(outcome -> outcome.ran() && outcome.exitStatus() != 0).findFirst();
    }
}
