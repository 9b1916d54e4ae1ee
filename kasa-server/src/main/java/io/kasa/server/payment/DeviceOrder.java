package io.kasa.server.payment;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order as the device receives it (the {@code order} message of the device protocol).
 * Amounts are decimal strings with two fraction digits.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceOrder(UUID orderId, UUID paymentRequestId, String kind, String amount, int currencyId,
                          String currency, String displayCode, List<Product> products, List<Integer> methods,
                          SaleOrder.Customer customer, boolean splitPaymentSupport, boolean skipPrintCustomer,
                          boolean skipPrintMerchant, boolean skipPaymentOptionScreen,
                          SaleOrder.ReceiptOptions receiptOptions, boolean taken, Instant createdAt,
                          Instant expiresAt) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Product(String name, String amount, int quantity, int taxGroupId, int unitCodeId,
                          Integer paymentMethodId) {
    }
}
