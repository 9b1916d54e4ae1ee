package io.kasa.client;

import java.math.BigDecimal;

/**
 * A product line of a {@link SaleOrder}: {@code name} (1–75), {@code amount} (the line's
 * amount; the lines of an order add up to its amount), {@code quantity} (1–99999),
 * {@code taxGroupId} (VAT group 0, 1, 10 or 20), {@code unitCodeId} (1–10), and optionally
 * the {@code paymentMethodId} (1–14) and the marketplace {@code memberId} it is paid to.
 * Null optional fields are not sent; rules are the server's to enforce.
 */
public record Product(String name, BigDecimal amount, int quantity, int taxGroupId, int unitCodeId,
                      Integer paymentMethodId, Long memberId) {

    public static Product of(String name, BigDecimal amount, int quantity, int taxGroupId, int unitCodeId) {
        return new Product(name, amount, quantity, taxGroupId, unitCodeId, null, null);
    }

    public Product withPaymentMethodId(Integer paymentMethodId) {
        return new Product(name, amount, quantity, taxGroupId, unitCodeId, paymentMethodId, memberId);
    }

    public Product withMemberId(long memberId) {
        return new Product(name, amount, quantity, taxGroupId, unitCodeId, paymentMethodId, memberId);
    }
}
