package io.kasa.terminal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An order as the device holds it: what the server sent in its {@code order} message (device
 * protocol 3.1) and how far the device has got with it (3.2). Immutable: each step makes a new
 * value. Amounts are exact decimals with the scale the server sent (two fraction digits).
 *
 * @param orderId          the server's id of the order; every message about it carries this id
 * @param paymentRequestId the payment the order belongs to; for a cancel order, the sale it voids
 * @param kind             sale or cancel
 * @param amount           the amount to charge (or void), greater than zero
 * @param currencyId       Paywall's currency number; null when the server left it out
 * @param currency         the currency code, e.g. {@code TRY}
 * @param displayCode      the label the device lists the order by; null when absent
 * @param products         the products, in the server's order; may be empty
 * @param methods          the tender types the device may offer; empty means any
 * @param customer         null when absent
 * @param flags            the printing and payment-screen switches
 * @param receiptOptions   null when absent
 * @param createdAt        when the server created the order; null when absent
 * @param expiresAt        when the server stops trying to deliver it; null when absent
 * @param arrival          the order's place in the order of arrival on this device (1, 2, ...);
 *                         kept in the store, so it survives restarts
 * @param progress         how far the device has got
 * @param outcome          how the order ended; present exactly when {@code progress} is
 *                         {@link Progress#REPORTED} or {@link Progress#SETTLED}
 */
public record DeviceOrder(String orderId, String paymentRequestId, Kind kind, BigDecimal amount, Integer currencyId,
                          String currency, String displayCode, List<Product> products, List<Integer> methods,
                          Customer customer, Flags flags, ReceiptOptions receiptOptions, Instant createdAt,
                          Instant expiresAt, long arrival, Progress progress, Outcome outcome) {

    public enum Kind {
        SALE, CANCEL
    }

    /**
     * An order's steps on the device. The first four are held in the {@link DeviceStore}; the
     * last two are where an order leaves the device, seen only by listeners and by
     * {@link TerminalAgent#order(String)}.
     */
    public enum Progress {
        /** Stored and acknowledged with {@code received}; nobody has started it. */
        RECEIVED,
        /** Started: {@code taken} sent, waiting for the server's {@code ack} before charging. */
        TAKEN,
        /** The server acknowledged the take (or sent the order as already taken); no outcome yet. */
        CHARGING,
        /** The outcome is stored and sent; waiting for the server's {@code ack}. */
        REPORTED,
        /** The server acknowledged the outcome; the device forgot the order. */
        SETTLED,
        /** Dropped on the server's {@code withdraw}, never charged. */
        WITHDRAWN;

        /** True for the steps of an order the device still holds. */
        public boolean held() {
            return this != SETTLED && this != WITHDRAWN;
        }
    }

    /**
     * @param amount          the line's amount, exact
     * @param paymentMethodId null when absent
     */
    public record Product(String name, BigDecimal amount, int quantity, int taxGroupId, int unitCodeId,
                          Integer paymentMethodId) {
        public Product {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(amount, "amount");
        }
    }

    /** The customer as the server sent it; absent fields are null, {@code type} 0 when absent. */
    public record Customer(int type, String firstName, String middleName, String lastName, String companyName,
                           String taxOfficeCode, String taxNumber, String phone, String email, String identity,
                           String country, String city, String district, String neighborhood, String address) {
    }

    public record Flags(boolean splitPaymentSupport, boolean skipPrintCustomer, boolean skipPrintMerchant,
                        boolean skipPaymentOptionScreen) {

        public static final Flags NONE = new Flags(false, false, false, false);
    }

    /** @param top null when absent; likewise {@code bottom} */
    public record ReceiptOptions(boolean topSupport, ReceiptText top, boolean bottomSupport, ReceiptText bottom) {
    }

    public record ReceiptText(String text, int fontSize) {
    }

    public DeviceOrder {
        requireText(orderId, "orderId");
        requireText(paymentRequestId, "paymentRequestId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(amount, "amount");
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("amount must be greater than zero: " + amount.toPlainString());
        }
        requireText(currency, "currency");
        products = products == null ? List.of() : List.copyOf(products);
        methods = methods == null ? List.of() : List.copyOf(methods);
        flags = flags == null ? Flags.NONE : flags;
        Objects.requireNonNull(progress, "progress");
        boolean ended = progress == Progress.REPORTED || progress == Progress.SETTLED;
        if (ended != (outcome != null)) {
            throw new IllegalArgumentException(ended
                    ? "a " + progress + " order needs an outcome"
                    : "a " + progress + " order has no outcome yet");
        }
    }

    /**
     * This order at {@code next}. A {@link Progress#SETTLED} order keeps its outcome; use
     * {@link #reporting(Outcome)} for {@link Progress#REPORTED}.
     */
    public DeviceOrder at(Progress next) {
        Outcome kept = next == Progress.SETTLED ? outcome : null;
        return new DeviceOrder(orderId, paymentRequestId, kind, amount, currencyId, currency, displayCode, products,
                methods, customer, flags, receiptOptions, createdAt, expiresAt, arrival, next, kept);
    }

    /** This order {@link Progress#REPORTED} with {@code ended}. */
    public DeviceOrder reporting(Outcome ended) {
        Objects.requireNonNull(ended, "outcome");
        return new DeviceOrder(orderId, paymentRequestId, kind, amount, currencyId, currency, displayCode, products,
                methods, customer, flags, receiptOptions, createdAt, expiresAt, arrival, Progress.REPORTED, ended);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
