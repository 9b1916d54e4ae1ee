package io.kasa.server.marketplace;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The calculator's cargo and discount rules (docs/marketplace.md, "Cargo, discounts and
 * debts") as a table: the product amount the customer paid, the member's commission, the
 * arrangements, and the member's and the platform's shares and the member's debts they give.
 * In every row the shares less the debts add up to the product amount.
 */
class ArrangedSharesTests {

    @ParameterizedTest(name = "{11}")
    @CsvSource(nullValues = "-", textBlock = """
            # amount, commission, cargo type, cost, discount owner, type, value -> member, platform, discount debt, cargo debt
            100.00, 10,   -,     -, -, -,      -,  90.00, 10.00,  0.00, 0.00, no arrangement
            100.00, 10,   0,     -, 0, -,      -,  90.00, 10.00,  0.00, 0.00, no cargo cost and no discount owner
             90.00, 10,   -,     -, 1, 1,  10.00,  90.00,  0.00,  0.00, 0.00, the platform's discount comes out of its share of the price before it
             90.00, 10,   -,     -, 2, 1,  10.00,  80.00, 10.00,  0.00, 0.00, the seller's discount comes out of the member's share
             90.00, 10,   -,     -, 1, 2,  10.00,  90.00,  0.00,  0.00, 0.00, a percentage is of the price before the discount: 10 % of 100.00 leaves 90.00
             75.00, 10,   -,     -, 2, 2,  25.00,  65.00, 10.00,  0.00, 0.00, 25 % of 100.00 borne by the seller
             90.00, 30,   -,     -, 1, 1,  50.00,  90.00,  0.00,  0.00, 0.00, a platform discount above its share leaves the member at most the product amount
            100.00, 20,   1, 15.00, -, -,      -,  95.00,  5.00,  0.00, 0.00, cargo type 1 moves the cost from the platform to the seller
            100.00, 10,   1, 15.00, -, -,      -, 100.00,  0.00,  0.00, 0.00, cargo type 1 beyond the platform's share stops at the product amount
            100.00, 10,   2, 15.00, -, -,      -,  75.00, 25.00,  0.00, 0.00, cargo type 2 moves the cost from the seller to the platform
            100.00, 10,   3, 15.00, -, -,      -,  90.00, 10.00,  0.00, 0.00, cargo type 3 takes no action
             10.00, 10,   2, 15.00, -, -,      -,   0.00, 16.00,  0.00, 6.00, a cargo cost above the member's share leaves a cargo debt
             10.00, 50,   -,     -, 2, 1, 100.00,   0.00, 55.00, 45.00, 0.00, a seller discount above the member's share leaves a discount debt
             10.00, 50,   2,  5.00, 2, 1, 100.00,   0.00, 60.00, 45.00, 5.00, the discount is covered first then the cargo and each leaves its own debt
             50.00, 10,   2, 60.00, 2, 1,  20.00,   0.00, 67.00,  0.00, 17.00, the member's share covers the discount and part of the cargo
             33.33, 12.5, -,     -, 2, 2,   7.50,  28.83,  4.50,  0.00, 0.00, rounding: 33.33 is 92.5 % of 36.03; the member's 31.53 less 2.70
            100.00, 0,    2, 30.00, 1, 1,  20.00,  70.00, 30.00,  0.00, 0.00, no commission: the platform has no share to bear its discount and the seller pays the cargo
            """)
    void arrangementsMoveMoneyBetweenTheSharesAndWhatTheMemberCannotCoverIsADebt(
            String amount, String commission, Integer cargoType, String cargoCost, Integer discountOwner, Integer discountType,
            String discount, String member, String platform, String discountDebt, String cargoDebt, String because) {
        Arrangement arrangement = new Arrangement(null, cargoType, money(cargoCost), null, discountOwner, discountType, money(discount));

        ArrangedShares shares = ArrangedShares.of(new BigDecimal(amount), new BigDecimal(commission), arrangement);

        assertThat(shares.member()).as("member").isEqualByComparingTo(member);
        assertThat(shares.platform()).as("platform").isEqualByComparingTo(platform);
        assertThat(shares.discountDebt()).as("discount debt").isEqualByComparingTo(discountDebt);
        assertThat(shares.cargoDebt()).as("cargo debt").isEqualByComparingTo(cargoDebt);
        assertThat(shares.member().add(shares.platform()).subtract(shares.discountDebt()).subtract(shares.cargoDebt()))
                .as("shares less debts").isEqualByComparingTo(amount);
    }

    private static BigDecimal money(String value) {
        return value == null ? null : new BigDecimal(value);
    }
}
