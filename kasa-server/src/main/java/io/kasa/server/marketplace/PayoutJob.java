package io.kasa.server.marketplace;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A manual payout order of pooled platform earnings, with every try of its transfer. */
public record PayoutJob(UUID id, int currencyId, LocalDate dateFrom, LocalDate dateTo, Status status, BigDecimal earning,
                        int count, List<Result> results) {

    public enum Status {
        CREATED, RUNNING, SUCCEEDED, FAILED
    }

    public record Result(boolean result, String resultMessage) {
    }

    public boolean anySuccess() {
        return results.stream().anyMatch(Result::result);
    }
}
