package io.kasa.terminal;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import tools.jackson.databind.JsonNode;

/**
 * Routes each message from the server to the handler registered for its {@code type}. Types
 * without a handler are ignored (logged at DEBUG): the protocol lets servers add message types
 * that older devices do not know.
 */
final class Dispatcher {

    private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());

    /** Handles one message of one type, on the agent's serial executor, for the connection it arrived on. */
    @FunctionalInterface
    interface Handler {
        void handle(JsonNode message, Connection connection);
    }

    private final Map<String, Handler> handlers = new HashMap<>();

    Dispatcher on(String type, Handler handler) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(handler, "handler");
        if (handlers.putIfAbsent(type, handler) != null) {
            throw new IllegalStateException("a handler for '" + type + "' is already registered");
        }
        return this;
    }

    /** @return true if a handler took the message */
    boolean dispatch(String type, JsonNode message, Connection connection) {
        Handler handler = handlers.get(type);
        if (handler == null) {
            LOG.log(System.Logger.Level.DEBUG, "ignoring message of unknown type ''{0}''", type);
            return false;
        }
        handler.handle(message, connection);
        return true;
    }
}
