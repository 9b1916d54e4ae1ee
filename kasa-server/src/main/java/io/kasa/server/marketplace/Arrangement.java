package io.kasa.server.marketplace;

import java.math.BigDecimal;

/**
 * A sale product's cargo and discount arrangements as stored with it, in the terms of
 * Paywall's lookup tables: {@code cargoType} 0 no cargo cost, 1 deduct from the platform
 * and add to the seller, 2 deduct from the seller and add to the platform, 3 take no
 * action; {@code discountOwner} 0 none, 1 platform, 2 seller; {@code discountType} 1 an
 * amount, 2 a percentage of the price before the discount. Absent parts are null;
 * {@code cargoId} and {@code discountId} are the integer ids the debt report shows.
 */
public record Arrangement(Long cargoId, Integer cargoType, BigDecimal cargoCost, Long discountId, Integer discountOwner,
                          Integer discountType, BigDecimal discount) {

    public static final int CARGO_NONE = 0;
    public static final int CARGO_PLATFORM_TO_SELLER = 1;
    public static final int CARGO_SELLER_TO_PLATFORM = 2;
    public static final int CARGO_NO_ACTION = 3;
    public static final int OWNER_NONE = 0;
    public static final int OWNER_PLATFORM = 1;
    public static final int OWNER_SELLER = 2;
    public static final int DISCOUNT_AMOUNT = 1;
    public static final int DISCOUNT_PERCENTAGE = 2;

    public static final Arrangement NONE = new Arrangement(null, null, null, null, null, null, null);

    boolean hasCargo() {
        return cargoType != null;
    }

    boolean hasDiscount() {
        return discountOwner != null;
    }
}
