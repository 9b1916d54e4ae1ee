package io.kasa.client;

import java.math.BigDecimal;

/**
 * A product line of a {@link SaleOrder}: {@code name} (1–75), {@code amount} (the line's
 * amount; the lines of an order add up to its amount), {@code quantity} (1–99999),
 * {@code taxGroupId} (VAT group 0, 1, 10 or 20), {@code unitCodeId} (1–10), and optionally
 * the {@code paymentMethodId} (1–14) and the marketplace {@code memberId} it is paid to.
 * {@code memberEarningCalculated} and {@code memberEarning} carry the platform's own figure
 * for the member's share (0 to the amount, only with a member), approved with
 * {@link Marketplace#approveProductsSelf}; without them Kasa calculates the shares.
 * Null optional fields are not sent; rules are the server's to enforce.
 */
public record Product(String name, BigDecimal amount, int quantity, int taxGroupId, int unitCodeId,
                      Integer paymentMethodId, Long memberId, Boolean memberEarningCalculated, BigDecimal memberEarning) {

    public Product(String name, BigDecimal amount, int quantity, int taxGroupId, int unitCodeId,
                   Integer paymentMethodId, Long memberId) {
        this(name, amount, quantity, taxGroupId, unitCodeId, paymentMethodId, memberId, null, null);
    }

    public static Product of(String name, BigDecimal amount, int quantity, int taxGroupId, int unitCodeId) {
        return new Product(name, amount, quantity, taxGroupId, unitCodeId, null, null);
    }

    public Product withPaymentMethodId(Integer paymentMethodId) {
        return new Product(name, amount, quantity, taxGroupId, unitCodeId, paymentMethodId, memberId,
                memberEarningCalculated, memberEarning);
    }

    public Product withMemberId(long memberId) {
        return new Product(name, amount, quantity, taxGroupId, unitCodeId, paymentMethodId, memberId,
                memberEarningCalculated, memberEarning);
    }

    /** The member's share as the platform calculated it ({@code MemberEarningCalculated: true, MemberEarning}). */
    public Product withMemberEarning(BigDecimal memberEarning) {
        return new Product(name, amount, quantity, taxGroupId, unitCodeId, paymentMethodId, memberId, true,
                memberEarning);
    }
}
