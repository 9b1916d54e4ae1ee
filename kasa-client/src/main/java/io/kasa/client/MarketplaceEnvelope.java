package io.kasa.client;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;

/**
 * Reads the marketplace and member envelope {@code {ErrorCode, Result, Message, Body}}, with
 * names in any case.
 *
 * <p>An answer succeeds when its HTTP status is 2xx, {@code ErrorCode} (0 when absent) is 0
 * and {@code Result} is not false; its {@code Body} is then bound to the requested type.
 * Anything else becomes a {@link KasaException} with the envelope's {@code ErrorCode} and
 * {@code Message}, and its {@code ClientMessage} should the server add one (marketplace
 * answers normally carry none). A {@code Result} that is not a boolean counts as absent. A
 * body that is not a JSON object with {@code ErrorCode} or {@code Result} is
 * {@link KasaException#UNREADABLE}.
 */
final class MarketplaceEnvelope {

    /** The envelope as received; {@code body} is left as a tree so per-item failures stay readable. */
    record Reply(int errorCode, boolean result, String message, String clientMessage, JsonNode body) {

        boolean succeeded() {
            return errorCode == 0 && result;
        }
    }

    private record Wire(Integer errorCode, JsonNode result, String message, String clientMessage, JsonNode body) {

        Boolean resultFlag() {
            return result != null && result.isBoolean() ? result.booleanValue() : null;
        }
    }

    private MarketplaceEnvelope() {
    }

    static Reply read(HttpReply reply) {
        if (reply.body().length == 0) {
            throw KasaException.unreadable(reply, "empty answer", null);
        }
        Wire wire;
        try {
            JsonNode tree = KasaJson.MAPPER.readTree(reply.body());
            if (tree == null || !tree.isObject()) {
                throw KasaException.unreadable(reply, "answer is not a JSON object", null);
            }
            wire = KasaJson.MAPPER.treeToValue(tree, Wire.class);
        } catch (JacksonException unparsable) {
            throw KasaException.unreadable(reply, "answer is not JSON", unparsable);
        }
        if (wire.errorCode() == null && wire.resultFlag() == null) {
            throw KasaException.unreadable(reply, "answer is not a marketplace envelope", null);
        }
        int errorCode = wire.errorCode() == null ? 0 : wire.errorCode();
        boolean result = wire.resultFlag() == null ? errorCode == 0 : wire.resultFlag();
        return new Reply(errorCode, result, wire.message(), wire.clientMessage(), wire.body());
    }

    /**
     * The bound {@code Body} of a successful answer. A null or absent {@code Body} gives null,
     * or, when {@code required}, an {@link KasaException#UNREADABLE} exception.
     */
    static <T> T unwrap(HttpReply reply, JavaType bodyType, boolean required) {
        Reply envelope = read(reply);
        if (!reply.successful() || !envelope.succeeded()) {
            throw KasaException.refused(reply, envelope.errorCode(), envelope.clientMessage(), envelope.message(), null);
        }
        return PhysicalEnvelope.bind(reply, envelope.body(), bodyType, required);
    }

    /** {@code ErrorCode} of an answer that decided nothing but still lists each item's reason in {@code Body}. */
    static final int ITEMS_FAILED = 1;

    /**
     * As {@link #unwrap}, except that an answer with {@code ErrorCode} {@value #ITEMS_FAILED}
     * and a {@code Body} object is bound like a success: its per-item reasons are the answer.
     */
    static <T> T unwrapItemised(HttpReply reply, JavaType bodyType) {
        Reply envelope = read(reply);
        boolean itemised = envelope.errorCode() == ITEMS_FAILED && envelope.body() != null && envelope.body().isObject();
        if (!itemised && (!reply.successful() || !envelope.succeeded())) {
            throw KasaException.refused(reply, envelope.errorCode(), envelope.clientMessage(), envelope.message(), null);
        }
        return PhysicalEnvelope.bind(reply, envelope.body(), bodyType, true);
    }
}
