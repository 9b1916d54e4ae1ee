package io.kasa.server.shared;

/**
 * A setting the server cannot start with: the database it names cannot be used, the data
 * directory cannot be written, a secret is malformed. The message says what is wrong in one
 * paragraph, naming the setting by its environment variable and property; {@link #action()}
 * says how to fix it. The server reports the two (and no stack trace) and exits non-zero
 * ({@code CannotStartAnalyzer}). Neither ever contains a secret's value.
 */
public class CannotStart extends IllegalStateException {

    private final String action;

    public CannotStart(String description, String action) {
        this(description, action, null);
    }

    public CannotStart(String description, String action, Throwable cause) {
        super(description, cause);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
