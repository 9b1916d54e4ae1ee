package io.kasa.server.payment;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.kasa.server.terminal.TerminalRef;

import java.math.BigDecimal;
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
     * calculates it. Left out of the order's JSON when null, so orders written before it keep
     * their fingerprint.
     */
    public record Product(String name, BigDecimal amount, int quantity, int taxGroupId, int unitCodeId,
                          Integer paymentMethodId, Long memberId,
                          @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal memberEarning) {
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
