package io.kasa.server.marketplace;

import io.kasa.server.shared.LookupEnum;
import io.kasa.server.shared.LookupValue;

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
    public enum Type implements LookupEnum {
        DISCOUNT(1, "Discount", "İndirim", "Discount"), CARGO(2, "Cargo", "Kargo", "Cargo"),
        CANCEL(3, "Cancel", "İptal", "Cancel");

        private final Row row;

        Type(int id, String wireName, String tr, String en) {
            this.row = new Row(id, wireName, tr, en);
        }

        @Override
        public Row row() {
            return row;
        }

        static Type of(int id) {
            return LookupValue.find(values(), id).orElseThrow(() -> new IllegalArgumentException("no debt type " + id));
        }
    }

    /**
     * The debt's {@code DebtStatusId} (Paywall publishes no table): 1 Open, waiting for the
     * member's next payout; 2 InPayout, netted off a payout the bank has not answered yet;
     * 3 Settled, netted off a payout the bank paid; 4 Deleted by the merchant; 5 Reversed,
     * its sale cancelled before it was settled. Only an Open debt can be changed.
     */
    public enum Status implements LookupEnum {
        OPEN(1, "Open", "Açık", "Open"), NETTED(2, "InPayout", "Ödemede", "In payout"),
        SETTLED(3, "Settled", "Kapandı", "Settled"), DELETED(4, "Deleted", "Silindi", "Deleted"),
        REVERSED(5, "Reversed", "Geri alındı", "Reversed");

        private final Row row;

        Status(int id, String wireName, String tr, String en) {
            this.row = new Row(id, wireName, tr, en);
        }

        @Override
        public Row row() {
            return row;
        }
    }
}
