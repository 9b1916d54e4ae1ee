package io.kasa.client;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A product line of a {@link SaleOrder}: {@code name} (1–75), {@code amount} (the line's
 * amount; the lines of an order add up to its amount), {@code quantity} (1–99999),
 * {@code taxGroupId} (VAT group 0, 1, 10 or 20), {@code unitCodeId} (1–10), and optionally
 * the {@code paymentMethodId} (1–14) and the marketplace {@code memberId} it is paid to.
 * Kasa's calculator splits a member's product by the member's commission and applies its
 * {@code cargo} and {@code discount} arrangements (docs/marketplace.md, "Cargo, discounts and
 * debts"); instead, {@code memberEarningCalculated} and {@code memberEarning} carry the
 * platform's own figure for the member's share (0 to the amount, only with a member, without
 * arrangements), approved with {@link Marketplace#approveProductsSelf}. Null optional fields
 * are not sent; rules are the server's to enforce.
 *
 * <p>Build one by name rather than by position:
 * <pre>{@code
 * Product haircut = Product.builder().name("Saç Tıraşı").amount("22.00").quantity(1)
 *         .taxGroup(TaxGroup.VAT_10).unit(UnitCode.PIECE).build();
 * }</pre>
 */
public record Product(String name, BigDecimal amount, int quantity, int taxGroupId, int unitCodeId,
                      Integer paymentMethodId, Long memberId, Boolean memberEarningCalculated, BigDecimal memberEarning,
                      Cargo cargo, Discount discount) {

    public Product(String name, BigDecimal amount, int quantity, int taxGroupId, int unitCodeId,
                   Integer paymentMethodId, Long memberId) {
        this(name, amount, quantity, taxGroupId, unitCodeId, paymentMethodId, memberId, null, null, null, null);
    }

    /**
     * A cargo arrangement: {@code cargoOwnerType} is Paywall's cargo type — 0 no cargo cost,
     * 1 deduct from the platform and add to the seller, 2 deduct from the seller and add to
     * the platform, 3 take no action — and {@code cargoCost} its cost in the sale's currency.
     */
    public record Cargo(int cargoOwnerType, BigDecimal cargoCost) {

        public static Cargo of(int cargoOwnerType, BigDecimal cargoCost) {
            return new Cargo(cargoOwnerType, cargoCost);
        }
    }

    /**
     * A discount arrangement: {@code discountOwnerType} 0 none, 1 the platform, 2 the seller;
     * {@code discountType} 1 an amount, 2 a percentage of the price before the discount;
     * {@code discount} the amount or the percentage. The product's amount is the price after it.
     */
    public record Discount(int discountOwnerType, Integer discountType, BigDecimal discount) {

        public static final int PLATFORM = 1;
        public static final int SELLER = 2;

        public static Discount amount(int owner, BigDecimal amount) {
            return new Discount(owner, 1, amount);
        }

        public static Discount percentage(int owner, BigDecimal percentage) {
            return new Discount(owner, 2, percentage);
        }
    }

    public static Product of(String name, BigDecimal amount, int quantity, int taxGroupId, int unitCodeId) {
        return new Product(name, amount, quantity, taxGroupId, unitCodeId, null, null);
    }

    public Product withPaymentMethodId(Integer paymentMethodId) {
        return new Product(name, amount, quantity, taxGroupId, unitCodeId, paymentMethodId, memberId,
                memberEarningCalculated, memberEarning, cargo, discount);
    }

    public Product withMemberId(long memberId) {
        return new Product(name, amount, quantity, taxGroupId, unitCodeId, paymentMethodId, memberId,
                memberEarningCalculated, memberEarning, cargo, discount);
    }

    /** The member's share as the platform calculated it ({@code MemberEarningCalculated: true, MemberEarning}). */
    public Product withMemberEarning(BigDecimal memberEarning) {
        return new Product(name, amount, quantity, taxGroupId, unitCodeId, paymentMethodId, memberId, true,
                memberEarning, cargo, discount);
    }

    public Product withCargo(Cargo cargo) {
        return new Product(name, amount, quantity, taxGroupId, unitCodeId, paymentMethodId, memberId,
                memberEarningCalculated, memberEarning, cargo, discount);
    }

    public Product withDiscount(Discount discount) {
        return new Product(name, amount, quantity, taxGroupId, unitCodeId, paymentMethodId, memberId,
                memberEarningCalculated, memberEarning, cargo, discount);
    }

    /** A builder for a product line; {@code quantity} is 1 unless set. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Collects a {@link Product}. {@link #build()} requires the name, the amount, the tax group
     * and the unit (an {@link IllegalArgumentException} names the one missing); the rest is
     * optional. Not thread-safe.
     */
    public static final class Builder {

        private String name;
        private BigDecimal amount;
        private int quantity = 1;
        private TaxGroup taxGroup;
        private UnitCode unit;
        private PaymentMethod paymentMethod;
        private Long memberId;
        private BigDecimal memberEarning;
        private Cargo cargo;
        private Discount discount;

        private Builder() {
        }

        /** What the receipt shows for the line (1–75 characters). */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * The line's amount: what the whole line costs, quantity included (Paywall's
         * {@code Amount} is not a unit price). The lines of an order add up to its amount.
         */
        public Builder amount(BigDecimal amount) {
            this.amount = amount;
            return this;
        }

        /** As {@link #amount(BigDecimal)}, written as a decimal, e.g. {@code "22.00"}. */
        public Builder amount(String amount) {
            return amount(new BigDecimal(Objects.requireNonNull(amount, "amount")));
        }

        /** How many of the unit (1–99999); 1 unless set. */
        public Builder quantity(int quantity) {
            this.quantity = quantity;
            return this;
        }

        public Builder taxGroup(TaxGroup taxGroup) {
            this.taxGroup = taxGroup;
            return this;
        }

        public Builder unit(UnitCode unit) {
            this.unit = unit;
            return this;
        }

        /** The method this line is paid with; by default the terminal lets the customer choose. */
        public Builder paymentMethod(PaymentMethod paymentMethod) {
            this.paymentMethod = paymentMethod;
            return this;
        }

        /** The marketplace member the line is paid to: the member's integer {@code Id}. */
        public Builder memberId(long memberId) {
            this.memberId = memberId;
            return this;
        }

        /** The member's share as the platform calculated it (see {@link Product#withMemberEarning}). */
        public Builder memberEarning(BigDecimal memberEarning) {
            this.memberEarning = memberEarning;
            return this;
        }

        public Builder cargo(Cargo cargo) {
            this.cargo = cargo;
            return this;
        }

        public Builder discount(Discount discount) {
            this.discount = discount;
            return this;
        }

        public Product build() {
            return new Product(Required.value("Name", name), Required.value("Amount", amount), quantity,
                    Required.value("TaxGroupId", taxGroup).id(), Required.value("UnitCodeId", unit).id(),
                    paymentMethod == null ? null : paymentMethod.id(), memberId,
                    memberEarning == null ? null : Boolean.TRUE, memberEarning, cargo, discount);
        }
    }
}
