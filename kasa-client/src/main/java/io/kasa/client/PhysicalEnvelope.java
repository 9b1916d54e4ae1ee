package io.kasa.client;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;

/**
 * Reads the Physical and operator envelope
 * {@code {Result, ErrorCode, Succeeded, Failed, Message, ClientMessage}}, with names in any
 * case and {@code ErrorCode} optional, as Paywall's own answers vary.
 *
 * <p>An answer succeeds when its HTTP status is 2xx, {@code Succeeded} is not false,
 * {@code Failed} is not true and {@code ErrorCode}, when present, is 0; its {@code Result}
 * is then bound to the requested type. Any other envelope becomes a {@link KasaException}
 * carrying the envelope's fields, and the payment its {@code Result} names if it names one
 * ({@link KasaException#payment()}). A body that is not a JSON object with at least one of
 * {@code Succeeded}, {@code Failed}, {@code ErrorCode}, or a {@code Result} that does not fit
 * the requested type, becomes a {@link KasaException} with {@link KasaException#UNREADABLE}.
 *
 * <p>Some of Paywall's pages show a success without the envelope (the provider lists:
 * {@code {Providers, Brands, Regions}} at the top level); {@link #unwrapBare} reads those,
 * and their refusals, which come in the envelope.
 */
final class PhysicalEnvelope {

    private record Wire(JsonNode result, Integer errorCode, Boolean succeeded, Boolean failed,
                        String message, String clientMessage) {

        boolean isEnvelope() {
            return errorCode != null || succeeded != null || failed != null;
        }

        boolean refused() {
            return Boolean.FALSE.equals(succeeded) || Boolean.TRUE.equals(failed)
                    || (errorCode != null && errorCode != 0);
        }
    }

    private PhysicalEnvelope() {
    }

    /**
     * The bound {@code Result} of a successful answer. A null or absent {@code Result} gives
     * null, or, when {@code required}, an {@link KasaException#UNREADABLE} exception.
     */
    static <T> T unwrap(HttpReply reply, JavaType resultType, boolean required) {
        Wire envelope = read(reply);
        if (!reply.successful() || envelope.refused()) {
            int errorCode = envelope.errorCode() == null ? KasaException.UNREADABLE : envelope.errorCode();
            throw KasaException.refused(reply, errorCode, envelope.clientMessage(), envelope.message(),
                    payment(envelope.result()));
        }
        return bind(reply, envelope.result(), resultType, required);
    }

    /**
     * The payment a refusal's {@code Result} names (a sync sale or cancel refused after the
     * payment was recorded), in either casing; null when the {@code Result} names none.
     */
    private static SaleResult payment(JsonNode result) {
        if (result == null || !result.isObject()) {
            return null;
        }
        try {
            SaleResult payment = KasaJson.MAPPER.treeToValue(result, SaleResult.class);
            return payment.paymentRequestId() == null ? null : payment;
        } catch (JacksonException notAPayment) {
            return null;
        }
    }

    /**
     * The answer of an endpoint whose success is its result alone: a successful answer that
     * is not an envelope is bound whole; an envelope (a refusal, or a server that wraps the
     * result) is read as {@link #unwrap} reads it.
     */
    static <T> T unwrapBare(HttpReply reply, JavaType resultType) {
        JsonNode tree = tree(reply);
        Wire envelope = wire(reply, tree);
        if (!envelope.isEnvelope() && reply.successful()) {
            return bind(reply, tree, resultType, true);
        }
        return unwrap(reply, resultType, true);
    }

    private static Wire read(HttpReply reply) {
        Wire envelope = wire(reply, tree(reply));
        if (!envelope.isEnvelope()) {
            throw KasaException.unreadable(reply, "answer is not a Kasa envelope", null);
        }
        return envelope;
    }

    private static JsonNode tree(HttpReply reply) {
        if (reply.body().length == 0) {
            throw KasaException.unreadable(reply, "empty answer", null);
        }
        JsonNode tree;
        try {
            tree = KasaJson.MAPPER.readTree(reply.body());
        } catch (JacksonException unparsable) {
            throw KasaException.unreadable(reply, "answer is not JSON", unparsable);
        }
        if (tree == null || !tree.isObject()) {
            throw KasaException.unreadable(reply, "answer is not a JSON object", null);
        }
        return tree;
    }

    private static Wire wire(HttpReply reply, JsonNode tree) {
        try {
            return KasaJson.MAPPER.treeToValue(tree, Wire.class);
        } catch (JacksonException unparsable) {
            throw KasaException.unreadable(reply, "answer is not JSON", unparsable);
        }
    }

    /** Binds a payload to {@code type}; {@code Void} ignores it, for calls whose answer says nothing new. */
    static <T> T bind(HttpReply reply, JsonNode node, JavaType type, boolean required) {
        if (type.hasRawClass(Void.class)) {
            return null;
        }
        if (node == null || node.isNull()) {
            if (required) {
                throw KasaException.unreadable(reply, "successful answer without a payload", null);
            }
            return null;
        }
        try {
            return KasaJson.MAPPER.treeToValue(node, type);
        } catch (JacksonException mismatch) {
            throw KasaException.unreadable(reply,
                    "answer does not fit " + type.getTypeName(), mismatch);
        }
    }
}
