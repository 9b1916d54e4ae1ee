package io.kasa.bench;

import io.kasa.client.TerminalRef;
import io.kasa.terminal.TerminalAgent;

import java.util.UUID;

/** A registered terminal of the benchmark's merchant and the agent that plays the device. */
record Till(UUID terminalId, TerminalAgent agent) {

    TerminalRef ref() {
        return TerminalRef.id(terminalId);
    }
}
