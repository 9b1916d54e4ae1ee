package io.kasa.terminal.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

import io.kasa.terminal.Behaviour;

/** A command line that parsed: what the user asked for, nothing checked against the world yet. */
sealed interface Invocation {

    record Help() implements Invocation {
    }

    record Version() implements Invocation {
    }

    /** {@code serial} and {@code model} are null when not given. */
    record Pair(URI server, String code, Path store, String serial, String model) implements Invocation {
        public Pair {
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(store, "store");
        }
    }

    /** {@code behaviour} answers the orders; with {@code interactive} a person does, through the console. */
    record Run(Path store, Behaviour behaviour, boolean interactive) implements Invocation {
        public Run {
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(behaviour, "behaviour");
        }
    }
}
