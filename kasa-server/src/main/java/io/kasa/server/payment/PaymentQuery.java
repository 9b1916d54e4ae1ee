package io.kasa.server.payment;

import io.kasa.server.shared.Validation;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Filters of the payment list; null means "any". Days are in the business time zone,
 * inclusive. A query that cannot match by its own terms is refused rather than answered
 * empty: a status outside 1–12, a unique code longer than any can be, a range that ends
 * before it starts. The API and the dashboard build their queries here alike.
 * {@code merchantUniqueCode} matches the whole code (the API's filter); {@code codePart}
 * any code that contains it, taken literally ({@code %} and {@code _} are no wildcards),
 * as the dashboard's search box asks.
 */
public record PaymentQuery(LocalDate startDate, LocalDate endDate, UUID terminalId, Integer statusId,
                           String merchantUniqueCode, String codePart) {

    public PaymentQuery {
        if (startDate != null && endDate != null && startDate.isAfter(endDate)) {
            throw Validation.invalid("startDate endDate'ten sonra olamaz", "startDate must not be after endDate");
        }
        if (statusId != null) {
            Validation.between("PaymentStatusId", statusId, 1, 12);
        }
        merchantUniqueCode = Validation.optionalText("MerchantUniqueCode", merchantUniqueCode, 64);
        codePart = Validation.optionalText("MerchantUniqueCode", codePart, 64);
    }
}
