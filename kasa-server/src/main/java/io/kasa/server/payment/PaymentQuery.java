package io.kasa.server.payment;

import java.time.LocalDate;
import java.util.UUID;

/** Filters of the payment list; null means "any". Days are in the business time zone, inclusive. */
public record PaymentQuery(LocalDate startDate, LocalDate endDate, UUID terminalId, Integer statusId,
                           String merchantUniqueCode) {
}
