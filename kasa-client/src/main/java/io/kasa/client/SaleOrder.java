package io.kasa.client;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Paywall's sale order, the body of {@code /api/payment/async/sale} and
 * {@code /api/payment/sync/sale} (seeds 001 and 002). The {@code terminal} is written as
 * {@code TerminalId} or {@code TerminalTagCode}; {@code sendNotificationDeviceDisconnected}
 * and {@code receiptOptions} are read by sync sales only. Null fields are not sent; the
 * four switches are always sent, false unless set.
 *
 * <p>Start from {@link #of} and add the rest with {@code with…}:
 * <pre>{@code
 * SaleOrder order = SaleOrder.of(TerminalRef.tag("kasa_1"), "ord-1001", new BigDecimal("22.00"), 1,
 *                 List.of(Product.of("Saç Tıraşı", new BigDecimal("22.00"), 1, 10, 1)))
 *         .withDisplayCode("Kişisel Bakım")
 *         .withMethods(1, 2);
 * }</pre>
 * Nothing is checked here: the server owns the rules ({@code docs/api.md}, "Sale order
 * rules") and answers a broken order with {@code System.ValidationError} naming the field.
 * Lists are copied; their elements must not be null.
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
}
