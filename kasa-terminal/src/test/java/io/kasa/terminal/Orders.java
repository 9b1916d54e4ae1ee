package io.kasa.terminal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Orders for tests: the {@code order} message of device protocol 3.1, and stored orders. */
final class Orders {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** The example of device protocol 3.1. */
    static final String EXAMPLE = """
            { "type": "order",
              "orderId": "5d0e2a52-3f0c-4d8a-9a57-2d4c5b1e7a10",
              "paymentRequestId": "1eb856a8-1d41-49ab-8994-ecee2880d62c",
              "kind": "sale",
              "amount": "22.00", "currencyId": 1, "currency": "TRY",
              "displayCode": "Kişisel Bakım",
              "products": [ { "name": "Saç Tıraşı", "amount": "22.00", "quantity": 1,
                              "taxGroupId": 10, "unitCodeId": 1, "paymentMethodId": 2 } ],
              "methods": [1, 2],
              "customer": { "type": 1, "firstName": "eda", "middleName": "seda", "lastName": "meda",
                            "identity": "11111111110", "city": "İstanbul" },
              "splitPaymentSupport": false,
              "skipPrintCustomer": false, "skipPrintMerchant": false, "skipPaymentOptionScreen": false,
              "receiptOptions": { "topSupport": true, "top": { "text": "Üst başlık", "fontSize": 10 },
                                  "bottomSupport": true, "bottom": { "text": "Alt başlık", "fontSize": 50 } },
              "taken": false,
              "createdAt": "2026-11-24T10:15:30.123Z", "expiresAt": "2026-11-24T10:20:30.123Z" }
            """;

    private Orders() {
    }

    static ObjectNode example() {
        return (ObjectNode) JSON.readTree(EXAMPLE);
    }

    /** The example with another id and display code (null: left out), not taken. */
    static ObjectNode message(String orderId, String displayCode) {
        ObjectNode message = example().put("orderId", orderId);
        if (displayCode == null) {
            message.remove("displayCode");
        } else {
            message.put("displayCode", displayCode);
        }
        return message;
    }

    static ObjectNode taken(String orderId) {
        return message(orderId, "Kasa 1").put("taken", true);
    }

    static JsonNode ack(String orderId, String of) {
        return JSON.createObjectNode().put("type", "ack").put("orderId", orderId).put("of", of);
    }

    static JsonNode withdraw(String orderId, String reason) {
        return JSON.createObjectNode().put("type", "withdraw").put("orderId", orderId).put("reason", reason);
    }

    /** A plain stored order at {@code progress}, with an approval when the step needs an outcome. */
    static DeviceOrder stored(String orderId, long arrival, DeviceOrder.Progress progress) {
        DeviceOrder order = new DeviceOrder(orderId, "pr-" + orderId, DeviceOrder.Kind.SALE, new BigDecimal("10.50"), 1,
                "TRY", "Kasa " + arrival, List.of(new DeviceOrder.Product("Kahve", new BigDecimal("10.50"), 1, 10, 1, null)),
                List.of(), null, null, null, Instant.parse("2026-11-24T10:15:30.123Z"), null, arrival,
                DeviceOrder.Progress.RECEIVED, null);
        return switch (progress) {
            case REPORTED -> order.reporting(TestAcquirer.approval(orderId));
            case SETTLED -> order.reporting(TestAcquirer.approval(orderId)).at(DeviceOrder.Progress.SETTLED);
            default -> order.at(progress);
        };
    }
}
