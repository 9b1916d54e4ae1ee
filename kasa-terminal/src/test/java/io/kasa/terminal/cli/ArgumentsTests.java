package io.kasa.terminal.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.kasa.terminal.Behaviour;

class ArgumentsTests {

    @Test
    void pairWithEveryOption() throws UsageException {
        assertThat(Arguments.parse("pair", "--server", "https://pos.example.com", "--code", "949161",
                "--store", "/var/lib/kasa", "--serial", "PAV960000015", "--model", "A910"))
                .isEqualTo(new Invocation.Pair(URI.create("https://pos.example.com"), "949161", Path.of("/var/lib/kasa"),
                        "PAV960000015", "A910"));
    }

    @Test
    void optionsMayUseAnEqualsSignAndComeInAnyOrder() throws UsageException {
        assertThat(Arguments.parse("pair", "--store=dev", "--code=949161", "--server=http://localhost:8080"))
                .isEqualTo(new Invocation.Pair(URI.create("http://localhost:8080"), "949161", Path.of("dev"), null, null));
    }

    @Test
    void runApprovesAfterOneAndAHalfSecondsByDefault() throws UsageException {
        assertThat(Arguments.parse("run", "--store", "dev"))
                .isEqualTo(new Invocation.Run(Path.of("dev"), Behaviour.approveAfter(Duration.ofMillis(1500)), false));
    }

    @Test
    void runWithAScriptedBehaviour() throws UsageException {
        assertThat(Arguments.parse("run", "--behaviour", "decline", "--think-ms", "0", "--store", "dev"))
                .isEqualTo(new Invocation.Run(Path.of("dev"), Behaviour.declineAfter(Duration.ZERO), false));
        assertThat(Arguments.parse("run", "--store", "dev", "--behaviour=approve", "--think-ms=250"))
                .isEqualTo(new Invocation.Run(Path.of("dev"), Behaviour.approveAfter(Duration.ofMillis(250)), false));
    }

    @Test
    void runInteractivelyLeavesEveryOrderToAPerson() throws UsageException {
        assertThat(Arguments.parse("run", "--interactive", "--store", "dev"))
                .isEqualTo(new Invocation.Run(Path.of("dev"), Behaviour.manual(), true));
        assertThat(Arguments.parse("run", "--store", "dev", "--interactive"))
                .isEqualTo(new Invocation.Run(Path.of("dev"), Behaviour.manual(), true));
    }

    @Test
    void helpAnywhere() throws UsageException {
        assertThat(Arguments.parse("--help")).isInstanceOf(Invocation.Help.class);
        assertThat(Arguments.parse("-h")).isInstanceOf(Invocation.Help.class);
        assertThat(Arguments.parse("help")).isInstanceOf(Invocation.Help.class);
        assertThat(Arguments.parse("pair", "--help")).isInstanceOf(Invocation.Help.class);
        assertThat(Arguments.parse("run", "--store", "dev", "-h")).isInstanceOf(Invocation.Help.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "                                                         | a command is required",
            "status                                                   | unknown command 'status'",
            "run --store                                              | option --store needs a value",
            "run --store --help                                       | option --store needs a value",
            "run --store=                                             | option --store needs a value",
            "run --store a --store b                                  | option --store is given twice",
            "run --code 123456 --store a                              | unknown option --code for run",
            "run a                                                    | unexpected argument 'a'",
            "run -- a                                                 | unexpected argument '--'",
            "run                                                      | missing --store",
            "pair --code 123456                                       | missing --server, --store",
            "pair --server localhost:8080 --code 1 --store a          | --server must be an http:// or https:// URL",
            "pair --server ws://localhost:8080 --code 1 --store a     | --server must be an http:// or https:// URL",
            "pair --server 'http://bad host' --code 1 --store a       | --server is not a URL",
            "pair --server http://h --code 1 --store a --interactive  | unknown option --interactive for pair",
            "run --store a --behaviour maybe                          | --behaviour must be approve or decline: maybe",
            "run --store a --behaviour                                | option --behaviour needs a value",
            "run --store a --think-ms -5                              | --think-ms must be a whole number of milliseconds from 0 to 3600000: -5",
            "run --store a --think-ms 1.5                             | --think-ms must be a whole number of milliseconds",
            "run --store a --think-ms 3600001                         | --think-ms must be a whole number of milliseconds",
            "run --store a --interactive=yes                          | option --interactive takes no value",
            "run --store a --interactive --interactive                | option --interactive is given twice",
            "run --store a --interactive yes                          | unexpected argument 'yes'",
            "run --store a --interactive --behaviour decline          | it cannot be combined with --behaviour or --think-ms",
            "run --store a --think-ms 10 --interactive                | it cannot be combined with --behaviour or --think-ms",
    })
    void usageErrors(String line, String message) {
        String[] args = line == null ? new String[0] : split(line);

        assertThatThrownBy(() -> Arguments.parse(args)).isInstanceOf(UsageException.class).hasMessageContaining(message);
    }

    /** Splits on spaces, keeping single-quoted words together. */
    private static String[] split(String line) {
        java.util.List<String> words = new java.util.ArrayList<>();
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("'([^']*)'|(\\S+)").matcher(line);
        while (matcher.find()) {
            words.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
        }
        return words.toArray(String[]::new);
    }
}
