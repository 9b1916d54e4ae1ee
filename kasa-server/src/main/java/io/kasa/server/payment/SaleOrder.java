package io.kasa.server.payment;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.kasa.server.terminal.TerminalRef;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.UUID;

/**
 * A validated sale order, as the merchant sent it. Everything the device shows or prints is
 * here; the optional parts are null when absent.
 */
public record SaleOrder(TerminalRef terminal, String merchantUniqueCode, String displayCode, BigDecimal amount,
                        int currencyId, List<Integer> methods, String callbackAddress, boolean splitPaymentSupport,
                        Customer customer, List<Product> products, boolean skipPrintCustomer,
                        boolean skipPrintMerchant, boolean skipPaymentOptionScreen,
                        boolean sendNotificationDeviceDisconnected, ReceiptOptions receiptOptions) {

    public SaleOrder {
        methods = List.copyOf(methods);
        products = List.copyOf(products);
    }

    /**
     * {@code memberEarning}: the member's share as the platform calculated it
     * ({@code MemberEarningCalculated}), 0 to the amount, only with a member; null when Kasa
     * calculates it. {@code cargo} and {@code discount} are the product's marketplace
     * arrangements, which Kasa's calculator applies, null when absent. Each is left out of the
     * order's JSON when null, so that a sale without them keeps the fingerprint it had before
     * they existed.
     */
    public record Product(String name, BigDecimal amount, int quantity, int taxGroupId, int unitCodeId,
                          Integer paymentMethodId, Long memberId,
                          @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal memberEarning,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Cargo cargo,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Discount discount) {

        /** Whether the product asks the marketplace to move money: a cargo type or discount owner other than none. */
        public boolean hasArrangement() {
            return cargo != null && (cargo.type() != 0 || cargo.cost() != null)
                    || discount != null && discount.owner() != 0;
        }
    }

    /** Cargo type 0-3 (none, platform pays the seller, seller pays the platform, no action) and its cost. */
    public record Cargo(int type, BigDecimal cost) {
    }

    /** Discount owner 0-2 (none, platform, seller), type 1 amount or 2 percentage, and its value. */
    public record Discount(int owner, Integer type, BigDecimal value) {

        /**
         * The discount in money on a line whose amount (the price after the discount) is
         * {@code amount}: the amount itself, or, for a percentage, the percentage of the price
         * before the discount — {@code before = amount × 100 / (100 − percentage)}, rounded
         * half-even to the cent — less the amount. Zero without an owner or a value.
         */
        public static BigDecimal money(BigDecimal amount, Integer owner, Integer type, BigDecimal value) {
            if (owner == null || owner == 0 || value == null) {
                return BigDecimal.ZERO.setScale(2);
            }
            if (type != null && type == 2) {
                BigDecimal hundred = BigDecimal.valueOf(100);
                return amount.multiply(hundred).divide(hundred.subtract(value), 2, RoundingMode.HALF_EVEN)
                        .subtract(amount);
            }
            return value;
        }
    }

    public record Customer(int type, String firstName, String middleName, String lastName, String companyName,
                           String taxOfficeCode, String taxNumber, String phone, String email, String identity,
                           String country, String city, String district, String neighborhood, String address) {
    }

    public record ReceiptOptions(boolean topSupport, ReceiptText top, boolean bottomSupport, ReceiptText bottom) {
    }

    public record ReceiptText(String text, int fontSize) {
    }
}
