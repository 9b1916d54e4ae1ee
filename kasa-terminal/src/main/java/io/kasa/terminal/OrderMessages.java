package io.kasa.terminal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The order messages of device protocol 3 on the wire: reads {@code order}, writes
 * {@code received}, {@code taken} and {@code outcome}. Reading is strict where the protocol is
 * precise (amounts are decimal strings with two fraction digits, ids and kind are required), so
 * that a server that breaks the contract is noticed by the reference device; properties it does
 * not know are ignored.
 */
final class OrderMessages {

    /** The {@code order} message: the order and whether the server already recorded it as taken. */
    record Delivery(DeviceOrder order, boolean taken) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern MONEY = Pattern.compile("\\d{1,12}\\.\\d{2}");

    private OrderMessages() {
    }

    /**
     * Reads an {@code order} message into an order {@link DeviceOrder.Progress#RECEIVED} at place
     * {@code arrival}.
     *
     * @throws IllegalArgumentException naming the first field that breaks the protocol
     */
    static Delivery read(JsonNode message, long arrival) {
        DeviceOrder order = new DeviceOrder(
                requiredText(message, "orderId"),
                requiredText(message, "paymentRequestId"),
                kind(message),
                money(message, "amount"),
                optionalInt(message, "currencyId"),
                requiredText(message, "currency"),
                optionalText(message, "displayCode"),
                products(message.path("products")),
                methods(message.path("methods")),
                customer(message.path("customer")),
                new DeviceOrder.Flags(flag(message, "splitPaymentSupport"), flag(message, "skipPrintCustomer"),
                        flag(message, "skipPrintMerchant"), flag(message, "skipPaymentOptionScreen")),
                receiptOptions(message.path("receiptOptions")),
                instant(message, "createdAt"),
                instant(message, "expiresAt"),
                arrival,
                DeviceOrder.Progress.RECEIVED,
                null);
        return new Delivery(order, flag(message, "taken"));
    }

    static ObjectNode received(String orderId) {
        return JSON.createObjectNode().put("type", "received").put("orderId", orderId);
    }

    static ObjectNode taken(String orderId) {
        return JSON.createObjectNode().put("type", "taken").put("orderId", orderId);
    }

    /** The {@code outcome} message of a {@link DeviceOrder.Progress#REPORTED} order; absent parts are left out. */
    static ObjectNode outcome(DeviceOrder order) {
        Outcome outcome = order.outcome();
        if (outcome == null) {
            throw new IllegalArgumentException("order " + order.orderId() + " has no outcome");
        }
        ObjectNode message = JSON.createObjectNode()
                .put("type", "outcome")
                .put("orderId", order.orderId())
                .put("result", outcome.result().wire());
        if (outcome.message() != null) {
            message.put("message", outcome.message());
        }
        if (outcome.card() != null) {
            ObjectNode card = message.putObject("card");
            putIfPresent(card, "maskedPan", outcome.card().maskedPan());
            putIfPresent(card, "brand", outcome.card().brand());
            putIfPresent(card, "authCode", outcome.card().authCode());
        }
        putIfPresent(message, "providerReference", outcome.providerReference());
        return message;
    }

    private static DeviceOrder.Kind kind(JsonNode message) {
        String kind = requiredText(message, "kind");
        return switch (kind) {
            case "sale" -> DeviceOrder.Kind.SALE;
            case "cancel" -> DeviceOrder.Kind.CANCEL;
            default -> throw new IllegalArgumentException("kind must be sale or cancel: " + kind);
        };
    }

    private static List<DeviceOrder.Product> products(JsonNode products) {
        if (absent(products)) {
            return List.of();
        }
        if (!products.isArray()) {
            throw new IllegalArgumentException("products must be an array");
        }
        List<DeviceOrder.Product> result = new ArrayList<>();
        int index = 0;
        for (JsonNode product : products) {
            String at = "products[" + index++ + "]";
            if (!product.isObject()) {
                throw new IllegalArgumentException(at + " must be an object");
            }
            try {
                result.add(new DeviceOrder.Product(requiredText(product, "name"), money(product, "amount"),
                        requiredInt(product, "quantity"), requiredInt(product, "taxGroupId"),
                        requiredInt(product, "unitCodeId"), optionalInt(product, "paymentMethodId")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(at + "." + e.getMessage(), e);
            }
        }
        return result;
    }

    private static List<Integer> methods(JsonNode methods) {
        if (absent(methods)) {
            return List.of();
        }
        if (!methods.isArray()) {
            throw new IllegalArgumentException("methods must be an array of numbers");
        }
        List<Integer> result = new ArrayList<>();
        for (JsonNode method : methods) {
            if (!method.isIntegralNumber() || !method.canConvertToInt()) {
                throw new IllegalArgumentException("methods must be an array of numbers");
            }
            result.add(method.intValue());
        }
        return result;
    }

    private static DeviceOrder.Customer customer(JsonNode customer) {
        if (absent(customer)) {
            return null;
        }
        if (!customer.isObject()) {
            throw new IllegalArgumentException("customer must be an object");
        }
        Integer type = optionalInt(customer, "type");
        return new DeviceOrder.Customer(type == null ? 0 : type,
                optionalText(customer, "firstName"), optionalText(customer, "middleName"),
                optionalText(customer, "lastName"), optionalText(customer, "companyName"),
                optionalText(customer, "taxOfficeCode"), optionalText(customer, "taxNumber"),
                optionalText(customer, "phone"), optionalText(customer, "email"), optionalText(customer, "identity"),
                optionalText(customer, "country"), optionalText(customer, "city"), optionalText(customer, "district"),
                optionalText(customer, "neighborhood"), optionalText(customer, "address"));
    }

    private static DeviceOrder.ReceiptOptions receiptOptions(JsonNode options) {
        if (absent(options)) {
            return null;
        }
        if (!options.isObject()) {
            throw new IllegalArgumentException("receiptOptions must be an object");
        }
        return new DeviceOrder.ReceiptOptions(flag(options, "topSupport"), receiptText(options.path("top")),
                flag(options, "bottomSupport"), receiptText(options.path("bottom")));
    }

    private static DeviceOrder.ReceiptText receiptText(JsonNode text) {
        if (absent(text)) {
            return null;
        }
        Integer fontSize = optionalInt(text, "fontSize");
        return new DeviceOrder.ReceiptText(optionalText(text, "text"), fontSize == null ? 0 : fontSize);
    }

    /** A decimal string with two fraction digits, as the protocol writes every amount. */
    private static BigDecimal money(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isString() || !MONEY.matcher(value.stringValue()).matches()) {
            throw new IllegalArgumentException(
                    field + " must be a decimal string with two fraction digits, like \"22.00\": " + value);
        }
        return new BigDecimal(value.stringValue());
    }

    private static String requiredText(JsonNode node, String field) {
        String value = optionalText(node, field);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (absent(value)) {
            return null;
        }
        if (!value.isString()) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return value.stringValue();
    }

    private static int requiredInt(JsonNode node, String field) {
        Integer value = optionalInt(node, field);
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    private static Integer optionalInt(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (absent(value)) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new IllegalArgumentException(field + " must be a whole number");
        }
        return value.intValue();
    }

    private static boolean flag(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (absent(value)) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new IllegalArgumentException(field + " must be true or false");
        }
        return value.booleanValue();
    }

    private static Instant instant(JsonNode node, String field) {
        String value = optionalText(node, field);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be an ISO-8601 instant: " + value, e);
        }
    }

    private static boolean absent(JsonNode value) {
        return value == null || value.isMissingNode() || value.isNull();
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
