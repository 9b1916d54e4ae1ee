package io.kasa.server.marketplace;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * What a member owes the platform on one product: {@code id} is its {@code DebtId};
 * {@code paymentId} and {@code productId} the sale's and the product's integer ids; {@code amount} what is owed
 * now; {@code payoutId} the member payout it was netted off (its {@code DebtTransactionId}),
 * null while it is not; {@code arrangement} the product's cargo and discount.
 */
public record Debt(long id, Type type, long memberId, String memberName, int currencyId, long paymentId, long productId, BigDecimal productAmount,
                   BigDecimal amount, Status status, UUID payoutId, Arrangement arrangement, Instant createdAt) {

    /**
     * The debt's {@code Type}: Paywall's samples show 1 "Discount" and 2 "Cargo"; Kasa adds
     * 3 "Cancel" for what was paid to a member for a sale cancelled after its payout.
     */
    public enum Type {
        DISCOUNT(1, "Discount"), CARGO(2, "Cargo"), CANCEL(3, "Cancel");

        private final int id;
        private final String wireName;

        Type(int id, String wireName) {
            this.id = id;
            this.wireName = wireName;
        }

        public int id() {
            return id;
        }

        public String wireName() {
            return wireName;
        }

        static Type of(int id) {
            for (Type type : values()) {
                if (type.id == id) {
                    return type;
                }
            }
            throw new IllegalArgumentException("no debt type " + id);
        }
    }

    /**
     * The debt's {@code DebtStatusId} (Paywall publishes no table): 1 Open, waiting for the
     * member's next payout; 2 InPayout, netted off a payout the bank has not answered yet;
     * 3 Settled, netted off a payout the bank paid; 4 Deleted by the merchant; 5 Reversed,
     * its sale cancelled before it was settled. Only an Open debt can be changed.
     */
    public enum Status {
        OPEN(1, "Open"), NETTED(2, "InPayout"), SETTLED(3, "Settled"), DELETED(4, "Deleted"), REVERSED(5, "Reversed");

        private final int id;
        private final String wireName;

        Status(int id, String wireName) {
            this.id = id;
            this.wireName = wireName;
        }

        public int id() {
            return id;
        }

        public String wireName() {
            return wireName;
        }
    }
}
