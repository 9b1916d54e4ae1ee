package io.kasa.terminal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TillCommandTests {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a 1        | 1",
            "a2         | 2",
            "  A  12    | 12",
            "approve 3  | 3",
    })
    void approve(String line, int number) {
        assertThat(TillCommand.parse(line)).isEqualTo(new TillCommand.Approve(number));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "d 1        | 1",
            "D7         | 7",
            "decline 2  | 2",
    })
    void decline(String line, int number) {
        assertThat(TillCommand.parse(line)).isEqualTo(new TillCommand.Decline(number));
    }

    @Test
    void listQuitAndHelp() {
        assertThat(TillCommand.parse("l")).isEqualTo(new TillCommand.List());
        assertThat(TillCommand.parse("list")).isEqualTo(new TillCommand.List());
        assertThat(TillCommand.parse("q")).isEqualTo(new TillCommand.Quit());
        assertThat(TillCommand.parse("QUIT")).isEqualTo(new TillCommand.Quit());
        assertThat(TillCommand.parse("")).isEqualTo(new TillCommand.Help());
        assertThat(TillCommand.parse("?")).isEqualTo(new TillCommand.Help());
        assertThat(TillCommand.parse("h")).isEqualTo(new TillCommand.Help());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a          | say which order, e.g. a 1",
            "d          | say which order, e.g. d 1",
            "a 0        | orders are numbered 1, 2, ...: 0",
            "a 1 2      | orders are numbered 1, 2, ...: 1 2",
            "a -1       | unknown command 'a -1'",
            "l 2        | l takes no number",
            "approve it | unknown command 'approve it'",
            "x          | unknown command 'x'",
    })
    void invalid(String line, String problem) {
        assertThat(TillCommand.parse(line)).isEqualTo(new TillCommand.Invalid(problem));
    }
}
