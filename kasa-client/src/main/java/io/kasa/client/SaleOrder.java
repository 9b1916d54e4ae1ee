package io.kasa.client;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Paywall's sale order, the body of {@code /api/payment/async/sale} and
 * {@code /api/payment/sync/sale} (seeds 001 and 002). The {@code terminal} is written as
 * {@code TerminalId} or {@code TerminalTagCode}; {@code sendNotificationDeviceDisconnected}
 * and {@code receiptOptions} are read by sync sales only. Null fields are not sent; the
 * four switches are always sent, false unless set.
 *
 * <p>Build one by name with {@link #builder()}:
 * <pre>{@code
 * SaleOrder order = SaleOrder.builder()
 *         .terminalTag("kasa_1")
 *         .merchantUniqueCode("ord-1001")
 *         .amount("22.00").currency(Currency.TRY)
 *         .product(Product.builder().name("Saç Tıraşı").amount("22.00")
 *                 .taxGroup(TaxGroup.VAT_10).unit(UnitCode.PIECE).build())
 *         .displayCode("Kişisel Bakım")
 *         .paymentMethods(PaymentMethod.CASH, PaymentMethod.BKM_TECHPOS)
 *         .build();
 * }</pre>
 * or start from {@link #of} and add the rest with {@code with…}. The builder requires what
 * every sale needs; nothing else is checked here: the server owns the rules
 * ({@code docs/api.md}, "Sale order rules") and answers a broken order with an
 * {@link InvalidRequestException} naming the field. Lists are copied; their elements must not
 * be null.
 */
@JsonPropertyOrder({"terminal"})
public record SaleOrder(@JsonUnwrapped TerminalRef terminal,
                        String merchantUniqueCode,
                        String displayCode,
                        BigDecimal amount,
                        int currencyId,
                        List<Method> methods,
                        String callbackAddress,
                        boolean splitPaymentSupport,
                        Customer customer,
                        List<Product> products,
                        boolean skipPrintCustomer,
                        boolean skipPrintMerchant,
                        boolean skipPaymentOptionScreen,
                        Boolean sendNotificationDeviceDisconnected,
                        ReceiptOptions receiptOptions) {

    /** One payment method the terminal may offer, written {@code {"PaymentMethodId": …}}. */
    public record Method(int paymentMethodId) {
    }

    public SaleOrder {
        methods = methods == null ? null : List.copyOf(methods);
        products = products == null ? null : List.copyOf(products);
    }

    /**
     * An order with what every sale needs: where, the idempotency key, the {@code amount}
     * (&gt; 0, at most 2 fraction digits; the products add up to it), the {@code currencyId}
     * (1–7, 1 is TRY) and the products (1–100). Switches are false, the rest absent.
     */
    public static SaleOrder of(TerminalRef terminal, String merchantUniqueCode, BigDecimal amount, int currencyId,
                               List<Product> products) {
        return new SaleOrder(terminal, merchantUniqueCode, null, amount, currencyId, null, null, false, null,
                products, false, false, false, null, null);
    }

    /** The terminal to show the order on; null sends neither {@code TerminalId} nor {@code TerminalTagCode}. */
    public SaleOrder withTerminal(TerminalRef terminal) {
        return new SaleOrder(terminal, merchantUniqueCode, displayCode, amount, currencyId, methods, callbackAddress,
                splitPaymentSupport, customer, products, skipPrintCustomer, skipPrintMerchant,
                skipPaymentOptionScreen, sendNotificationDeviceDisconnected, receiptOptions);
    }

    /** The order's idempotency key (1–64): the same code with the same body answers the first payment. */
    public SaleOrder withMerchantUniqueCode(String merchantUniqueCode) {
        return new SaleOrder(terminal, merchantUniqueCode, displayCode, amount, currencyId, methods, callbackAddress,
                splitPaymentSupport, customer, products, skipPrintCustomer, skipPrintMerchant,
                skipPaymentOptionScreen, sendNotificationDeviceDisconnected, receiptOptions);
    }

    /** What the terminal shows for the order (≤25). */
    public SaleOrder withDisplayCode(String displayCode) {
        return new SaleOrder(terminal, merchantUniqueCode, displayCode, amount, currencyId, methods, callbackAddress,
                splitPaymentSupport, customer, products, skipPrintCustomer, skipPrintMerchant,
                skipPaymentOptionScreen, sendNotificationDeviceDisconnected, receiptOptions);
    }

    public SaleOrder withAmount(BigDecimal amount) {
        return new SaleOrder(terminal, merchantUniqueCode, displayCode, amount, currencyId, methods, callbackAddress,
                splitPaymentSupport, customer, products, skipPrintCustomer, skipPrintMerchant,
                skipPaymentOptionScreen, sendNotificationDeviceDisconnected, receiptOptions);
    }

    public SaleOrder withCurrencyId(int currencyId) {
        return new SaleOrder(terminal, merchantUniqueCode, displayCode, amount, currencyId, methods, callbackAddress,
                splitPaymentSupport, customer, products, skipPrintCustomer, skipPrintMerchant,
                skipPaymentOptionScreen, sendNotificationDeviceDisconnected, receiptOptions);
    }

    public SaleOrder withMethods(List<Method> methods) {
        return new SaleOrder(terminal, merchantUniqueCode, displayCode, amount, currencyId, methods, callbackAddress,
                splitPaymentSupport, customer, products, skipPrintCustomer, skipPrintMerchant,
                skipPaymentOptionScreen, sendNotificationDeviceDisconnected, receiptOptions);
    }

    /** The payment methods (1–14) the terminal may offer; none for any. */
    public SaleOrder withMethods(int... paymentMethodIds) {
        return withMethods(IntStream.of(paymentMethodIds).mapToObj(Method::new).toList());
    }

    /** Where status changes are posted (≤150, absolute http(s) URL). */
    public SaleOrder withCallbackAddress(String callbackAddress) {
        return new SaleOrder(terminal, merchantUniqueCode, displayCode, amount, currencyId, methods, callbackAddress,
                splitPaymentSupport, customer, products, skipPrintCustomer, skipPrintMerchant,
                skipPaymentOptionScreen, sendNotificationDeviceDisconnected, receiptOptions);
    }

    /** Whether each product may be paid separately. */
    public SaleOrder withSplitPaymentSupport(boolean splitPaymentSupport) {
        return new SaleOrder(terminal, merchantUniqueCode, displayCode, amount, currencyId, methods, callbackAddress,
                splitPaymentSupport, customer, products, skipPrintCustomer, skipPrintMerchant,
                skipPaymentOptionScreen, sendNotificationDeviceDisconnected, receiptOptions);
    }

    public SaleOrder withCustomer(Customer customer) {
        return new SaleOrder(terminal, merchantUniqueCode, displayCode, amount, currencyId, methods, callbackAddress,
                splitPaymentSupport, customer, products, skipPrintCustomer, skipPrintMerchant,
                skipPaymentOptionScreen, sendNotificationDeviceDisconnected, receiptOptions);
    }

    public SaleOrder withProducts(List<Product> products) {
        return new SaleOrder(terminal, merchantUniqueCode, displayCode, amount, currencyId, methods, callbackAddress,
                splitPaymentSupport, customer, products, skipPrintCustomer, skipPrintMerchant,
                skipPaymentOptionScreen, sendNotificationDeviceDisconnected, receiptOptions);
    }

    public SaleOrder withProducts(Product... products) {
        return withProducts(List.of(products));
    }

    /** Skips printing the customer's receipt. */
    public SaleOrder withSkipPrintCustomer(boolean skipPrintCustomer) {
        return new SaleOrder(terminal, merchantUniqueCode, displayCode, amount, currencyId, methods, callbackAddress,
                splitPaymentSupport, customer, products, skipPrintCustomer, skipPrintMerchant,
                skipPaymentOptionScreen, sendNotificationDeviceDisconnected, receiptOptions);
    }

    /** Skips printing the merchant's receipt. */
    public SaleOrder withSkipPrintMerchant(boolean skipPrintMerchant) {
        return new SaleOrder(terminal, merchantUniqueCode, displayCode, amount, currencyId, methods, callbackAddress,
                splitPaymentSupport, customer, products, skipPrintCustomer, skipPrintMerchant,
                skipPaymentOptionScreen, sendNotificationDeviceDisconnected, receiptOptions);
    }

    /** Skips the card option screen (instalments and the like) on the terminal. */
    public SaleOrder withSkipPaymentOptionScreen(boolean skipPaymentOptionScreen) {
        return new SaleOrder(terminal, merchantUniqueCode, displayCode, amount, currencyId, methods, callbackAddress,
                splitPaymentSupport, customer, products, skipPrintCustomer, skipPrintMerchant,
                skipPaymentOptionScreen, sendNotificationDeviceDisconnected, receiptOptions);
    }

    /** Sync calls: whether an offline terminal is sent a push and waited for ({@code true}), or the call refused at once ({@code false}). */
    public SaleOrder withSendNotificationDeviceDisconnected(Boolean sendNotificationDeviceDisconnected) {
        return new SaleOrder(terminal, merchantUniqueCode, displayCode, amount, currencyId, methods, callbackAddress,
                splitPaymentSupport, customer, products, skipPrintCustomer, skipPrintMerchant,
                skipPaymentOptionScreen, sendNotificationDeviceDisconnected, receiptOptions);
    }

    /** Sync calls: extra receipt text. */
    public SaleOrder withReceiptOptions(ReceiptOptions receiptOptions) {
        return new SaleOrder(terminal, merchantUniqueCode, displayCode, amount, currencyId, methods, callbackAddress,
                splitPaymentSupport, customer, products, skipPrintCustomer, skipPrintMerchant,
                skipPaymentOptionScreen, sendNotificationDeviceDisconnected, receiptOptions);
    }

    /** A builder for a sale order; the four switches are false unless set. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Collects a {@link SaleOrder}. {@link #build()} requires the terminal, the
     * {@code MerchantUniqueCode}, the amount, the currency and at least one product (an
     * {@link IllegalArgumentException} names the one missing). Not thread-safe.
     */
    public static final class Builder {

        private TerminalRef terminal;
        private String merchantUniqueCode;
        private String displayCode;
        private BigDecimal amount;
        private Currency currency;
        private List<Method> methods;
        private String callbackAddress;
        private boolean splitPaymentSupport;
        private Customer customer;
        private final List<Product> products = new ArrayList<>();
        private boolean skipPrintCustomer;
        private boolean skipPrintMerchant;
        private boolean skipPaymentOptionScreen;
        private Boolean sendNotificationDeviceDisconnected;
        private ReceiptOptions receiptOptions;

        private Builder() {
        }

        /** The terminal to show the order on. */
        public Builder terminal(TerminalRef terminal) {
            this.terminal = terminal;
            return this;
        }

        /** The terminal by one of its tag codes ({@code TerminalTagCode}). */
        public Builder terminalTag(String terminalTagCode) {
            return terminal(TerminalRef.tag(Objects.requireNonNull(terminalTagCode, "terminalTagCode")));
        }

        /** The terminal by its id ({@code TerminalId}). */
        public Builder terminalId(UUID terminalId) {
            return terminal(TerminalRef.id(Objects.requireNonNull(terminalId, "terminalId")));
        }

        /**
         * The order's idempotency key (1–64): the same code with the same body answers the first
         * payment, which is what lets the client send a sale again after a failure.
         */
        public Builder merchantUniqueCode(String merchantUniqueCode) {
            this.merchantUniqueCode = merchantUniqueCode;
            return this;
        }

        /** What the terminal shows for the order (≤25). */
        public Builder displayCode(String displayCode) {
            this.displayCode = displayCode;
            return this;
        }

        /** The order's amount (&gt; 0, at most 2 fraction digits); its products add up to it. */
        public Builder amount(BigDecimal amount) {
            this.amount = amount;
            return this;
        }

        /** As {@link #amount(BigDecimal)}, written as a decimal, e.g. {@code "22.00"}. */
        public Builder amount(String amount) {
            return amount(new BigDecimal(Objects.requireNonNull(amount, "amount")));
        }

        public Builder currency(Currency currency) {
            this.currency = currency;
            return this;
        }

        /** Adds a product line (1–100 lines). */
        public Builder product(Product product) {
            products.add(Objects.requireNonNull(product, "product"));
            return this;
        }

        /** Replaces the product lines. */
        public Builder products(List<Product> products) {
            this.products.clear();
            Objects.requireNonNull(products, "products").forEach(this::product);
            return this;
        }

        /** The payment methods the terminal may offer; none set offers any. */
        public Builder paymentMethods(PaymentMethod... methods) {
            this.methods = Arrays.stream(methods).map(method -> new Method(method.id())).toList();
            return this;
        }

        /** Where status changes are posted (≤150, absolute http(s) URL). */
        public Builder callbackAddress(String callbackAddress) {
            this.callbackAddress = callbackAddress;
            return this;
        }

        /** As {@link #callbackAddress(String)}. */
        public Builder callbackAddress(URI callbackAddress) {
            return callbackAddress(Objects.requireNonNull(callbackAddress, "callbackAddress").toString());
        }

        /** Whether each product may be paid separately. */
        public Builder splitPaymentSupport(boolean splitPaymentSupport) {
            this.splitPaymentSupport = splitPaymentSupport;
            return this;
        }

        public Builder customer(Customer customer) {
            this.customer = customer;
            return this;
        }

        /** Skips printing the customer's receipt. */
        public Builder skipPrintCustomer(boolean skipPrintCustomer) {
            this.skipPrintCustomer = skipPrintCustomer;
            return this;
        }

        /** Skips printing the merchant's receipt. */
        public Builder skipPrintMerchant(boolean skipPrintMerchant) {
            this.skipPrintMerchant = skipPrintMerchant;
            return this;
        }

        /** Skips the card option screen (instalments and the like) on the terminal. */
        public Builder skipPaymentOptionScreen(boolean skipPaymentOptionScreen) {
            this.skipPaymentOptionScreen = skipPaymentOptionScreen;
            return this;
        }

        /**
         * Sync sales: whether an offline terminal is sent a push and waited for ({@code true}),
         * or the sale refused at once ({@code false}); not sent unless set.
         */
        public Builder sendNotificationDeviceDisconnected(boolean sendNotificationDeviceDisconnected) {
            this.sendNotificationDeviceDisconnected = sendNotificationDeviceDisconnected;
            return this;
        }

        /** Sync sales: extra receipt text. */
        public Builder receiptOptions(ReceiptOptions receiptOptions) {
            this.receiptOptions = receiptOptions;
            return this;
        }

        public SaleOrder build() {
            return new SaleOrder(Required.value("TerminalId or TerminalTagCode", terminal),
                    Required.value("MerchantUniqueCode", merchantUniqueCode), displayCode,
                    Required.value("Amount", amount), Required.value("CurrencyId", currency).id(), methods,
                    callbackAddress, splitPaymentSupport, customer, Required.items("Products", products),
                    skipPrintCustomer, skipPrintMerchant, skipPaymentOptionScreen,
                    sendNotificationDeviceDisconnected, receiptOptions);
        }
    }
}
