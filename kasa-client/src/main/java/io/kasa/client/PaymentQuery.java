package io.kasa.client;

import java.time.LocalDate;
import java.util.UUID;

/**
 * The body of {@code POST /api/payment/list}: a page (0-based {@code pageIndex},
 * {@code pageSize} 1–100) of the merchant's payments, newest first, optionally only those
 * created from {@code startDate} to {@code endDate} (days in the server's business time zone,
 * both inclusive, written {@code yyyy-MM-dd}), on one terminal, in one current status, or
 * with one {@code merchantUniqueCode}. Null filters are not sent.
 */
public record PaymentQuery(int pageIndex, int pageSize, LocalDate startDate, LocalDate endDate, UUID terminalId,
                           Integer paymentStatusId, String merchantUniqueCode) {

    /** All payments, one page of them. */
    public static PaymentQuery page(int pageIndex, int pageSize) {
        return new PaymentQuery(pageIndex, pageSize, null, null, null, null, null);
    }

    /** Payments created on the days from {@code startDate} to {@code endDate}, both inclusive; either may be null. */
    public PaymentQuery withDates(LocalDate startDate, LocalDate endDate) {
        return new PaymentQuery(pageIndex, pageSize, startDate, endDate, terminalId, paymentStatusId,
                merchantUniqueCode);
    }

    public PaymentQuery withTerminalId(UUID terminalId) {
        return new PaymentQuery(pageIndex, pageSize, startDate, endDate, terminalId, paymentStatusId,
                merchantUniqueCode);
    }

    /** Payments whose current status has this id; null for any. */
    public PaymentQuery withPaymentStatusId(Integer paymentStatusId) {
        return new PaymentQuery(pageIndex, pageSize, startDate, endDate, terminalId, paymentStatusId,
                merchantUniqueCode);
    }

    /** Payments currently in {@code status}; null for any. */
    public PaymentQuery withStatus(PaymentStatus status) {
        return withPaymentStatusId(status == null ? null : status.id());
    }

    public PaymentQuery withMerchantUniqueCode(String merchantUniqueCode) {
        return new PaymentQuery(pageIndex, pageSize, startDate, endDate, terminalId, paymentStatusId,
                merchantUniqueCode);
    }
}
