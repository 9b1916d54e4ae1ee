package io.kasa.server.marketplace;

import io.kasa.server.payment.SaleOrder;

import java.math.BigDecimal;

/**
 * How one product's amount splits once its cargo and discount arrangements are applied:
 * the member's and the platform's shares (neither below zero) and the member's debts for
 * what the member's share could not cover. The shares less the debts always add up to the
 * product amount.
 *
 * <p>The product amount is what the customer paid for the line: the price after the
 * discount. The price before it is the amount plus the discount; a percentage discount is a
 * percentage of that earlier price ({@link SaleOrder.Discount#money}). The commission splits the price before the discount as
 * {@link Shares} does. Then, in this order: what the platform bears — its own discount, the
 * cargo it pays the seller (type 1) — comes out of the platform's share, and where that
 * share cannot cover it the member gets less, so that the member never earns more than the
 * product amount; then what the seller bears — its own discount first, the cargo it pays the
 * platform (type 2) next — comes out of the member's share, and what the share cannot cover
 * becomes a discount debt and a cargo debt. Cargo the seller pays goes to the platform; a
 * discount the seller bears was never paid, so it goes to no one.
 */
record ArrangedShares(BigDecimal member, BigDecimal platform, BigDecimal discountDebt, BigDecimal cargoDebt) {

    static ArrangedShares of(BigDecimal amount, BigDecimal commission, Arrangement arrangement) {
        BigDecimal discount = discount(amount, arrangement);
        Shares base = Shares.of(amount.add(discount), commission);
        BigDecimal member = base.member();
        BigDecimal platform = base.platform();
        int owner = arrangement.discountOwner() == null ? Arrangement.OWNER_NONE : arrangement.discountOwner();
        int cargoType = arrangement.cargoType() == null ? Arrangement.CARGO_NONE : arrangement.cargoType();
        BigDecimal cargo = arrangement.cargoCost() == null ? BigDecimal.ZERO : arrangement.cargoCost();

        if (owner == Arrangement.OWNER_PLATFORM) {
            platform = platform.subtract(discount);
        }
        if (cargoType == Arrangement.CARGO_PLATFORM_TO_SELLER) {
            platform = platform.subtract(cargo);
            member = member.add(cargo);
        }
        if (platform.signum() < 0) {
            member = member.add(platform);
            platform = BigDecimal.ZERO;
        }

        BigDecimal discountDebt = BigDecimal.ZERO;
        if (owner == Arrangement.OWNER_SELLER) {
            member = member.subtract(discount);
            if (member.signum() < 0) {
                discountDebt = member.negate();
                member = BigDecimal.ZERO;
            }
        }
        BigDecimal cargoDebt = BigDecimal.ZERO;
        if (cargoType == Arrangement.CARGO_SELLER_TO_PLATFORM) {
            platform = platform.add(cargo);
            member = member.subtract(cargo);
            if (member.signum() < 0) {
                cargoDebt = member.negate();
                member = BigDecimal.ZERO;
            }
        }
        return new ArrangedShares(member, platform, discountDebt, cargoDebt);
    }

    /** The discount in money, as {@link SaleOrder.Discount#money} defines it. */
    static BigDecimal discount(BigDecimal amount, Arrangement arrangement) {
        return SaleOrder.Discount.money(amount, arrangement.discountOwner(), arrangement.discountType(), arrangement.discount());
    }
}
