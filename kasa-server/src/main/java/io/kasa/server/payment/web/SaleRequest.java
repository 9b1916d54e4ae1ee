package io.kasa.server.payment.web;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** The sale order as it arrives (seeds 001 and 002): nothing checked yet. */
record SaleRequest(UUID terminalId, String terminalTagCode, Boolean sendNotificationDeviceDisconnected,
                   String merchantUniqueCode, String displayCode, BigDecimal amount, Integer currencyId,
                   List<Method> methods, String callbackAddress, Boolean splitPaymentSupport, Customer customer,
                   List<Product> products, Boolean skipPrintCustomer, Boolean skipPrintMerchant,
                   Boolean skipPaymentOptionScreen, ReceiptOptions receiptOptions) {

    record Method(Integer paymentMethodId) {
    }

    record Customer(Integer type, String firstName, String middleName, String lastName, String companyName,
                    String taxOfficeCode, String taxNumber, String phone, String email, String identity,
                    String country, String city, String district, String neighborhood, String address) {
    }

    record Product(String name, Integer taxGroupId, Integer unitCodeId, BigDecimal amount, Integer quantity,
                   Integer paymentMethodId, Long memberId, Boolean memberEarningCalculated, BigDecimal memberEarning,
                   Cargo cargo, Discount discount) {
    }

    /** A marketplace product's cargo arrangement, in the debt report's terms. */
    record Cargo(Integer cargoOwnerType, BigDecimal cargoCost, Integer currencyId) {
    }

    /** A marketplace product's discount arrangement, in the debt report's terms. */
    record Discount(Integer discountOwnerType, Integer discountType, BigDecimal discount) {
    }

    record ReceiptOptions(Boolean topSupport, ReceiptText top, Boolean bottomSupport, ReceiptText bottom) {
    }

    record ReceiptText(String text, Integer fontSize) {
    }
}
