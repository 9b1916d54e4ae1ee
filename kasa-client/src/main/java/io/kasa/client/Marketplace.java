package io.kasa.client;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The marketplace API ({@code docs/marketplace.md}): settings, earnings and debt reports,
 * the merchant's changes to a member's debts, and the manual trigger that pays out the platform earnings waiting in the pool (seed 004).
 * Failures are {@link KasaException}s carrying the marketplace {@code ErrorCode} (550, 551,
 * 553, …). Thread-safe; obtain from {@link KasaClient#marketplace()}.
 */
public final class Marketplace {

    /** Marketplace settings: {@code platformIban} receives the platform's payouts. */
    public record Settings(boolean marketplaceEnabled, boolean manualTrigger, String platformIban,
                           String platformAccountTitle) {
    }

    /** A payout order request, as seed 004's body. */
    public record PayoutOrder(int currencyId, LocalDate dateFrom, LocalDate dateTo, boolean testMode,
                              boolean skipExistsControl) {

        public static PayoutOrder of(int currencyId, LocalDate dateFrom, LocalDate dateTo) {
            return new PayoutOrder(currencyId, dateFrom, dateTo, false, false);
        }

        public PayoutOrder withTestMode(boolean testMode) {
            return new PayoutOrder(currencyId, dateFrom, dateTo, testMode, skipExistsControl);
        }

        public PayoutOrder withSkipExistsControl(boolean skipExistsControl) {
            return new PayoutOrder(currencyId, dateFrom, dateTo, testMode, skipExistsControl);
        }
    }

    public record Pending(LocalDateTime dateFrom, LocalDateTime dateTo, BigDecimal earning, long count) {
    }

    /** The answer of start and restart. */
    public record PayoutJob(UUID jobId, LocalDateTime dateFrom, LocalDateTime dateTo, BigDecimal earning, int count) {
    }

    /** The answer of inquiry: every try of the job's transfer in {@code results}. */
    public record PayoutJobStatus(UUID jobId, LocalDateTime dateFrom, LocalDateTime dateTo, BigDecimal earning, int count,
                                  boolean anySuccess, List<Result> results) {

        public record Result(boolean result, String resultMessage) {
        }
    }

    /** One product of a payment with its platform ("merchant") and member ("sub-merchant") shares. */
    public record ProductEarning(long paymentId, long productId, String productName, BigDecimal productAmount,
                                 Long memberId, Long merchantEarningId, BigDecimal merchantEarning,
                                 LocalDateTime merchantReflectionDate, Integer merchantEarningStatusId,
                                 Long subMerchantEarningId, BigDecimal subMerchantEarning,
                                 LocalDateTime subMerchantReflectionDate, Integer subMerchantEarningStatusId) {
    }

    public record MemberEarning(long id, boolean isSubMerchant, long paymentId, long productId, int currencyId,
                                String currency, int calculationCommissionType, BigDecimal calculationCommission,
                                BigDecimal earning, int marketPlaceEarningStatusId, String marketPlaceEarningStatus,
                                UUID marketPlaceEarningTransactionId, LocalDateTime reflectionDate,
                                LocalDateTime calculationDateTime) {
    }

    public record MemberEarnings(List<MemberEarning> data, long totalRecord) {
    }

    /**
     * One debt of a member, as report/debt/product and report/debt/payment answer it:
     * {@code type} 1 Discount, 2 Cargo, 3 Cancel; {@code debtStatusId} 1 Open, 2 InPayout,
     * 3 Settled, 4 Deleted, 5 Reversed; {@code debtTransactionId} the member payout it was
     * netted off; {@code cargo} or {@code discount} the arrangement it came from.
     */
    public record DebtItem(long debtId, int type, String typeName, long memberId, String memberName, int currencyId,
                           String currency, long productId, BigDecimal productAmount, BigDecimal debtAmount,
                           int debtStatusId, UUID debtTransactionId, Cargo cargo, Discount discount,
                           LocalDateTime calculationDateTime) {

        public record Cargo(Long cargoId, int cargoOwnerType, BigDecimal cargoCost) {
        }

        public record Discount(Long discountId, int discountOwnerType, Integer discountType, BigDecimal discount) {
        }
    }

    private record JobRef(UUID jobId) {
    }

    private record DebtChange(long id, BigDecimal debt) {
    }

    private record DebtRef(long id) {
    }

    private final KasaClient client;

    Marketplace(KasaClient client) {
        this.client = client;
    }

    public Settings settings() {
        return client.get("/api/paywall/marketplace/settings", Settings.class);
    }

    public Settings updateSettings(Settings settings) {
        return client.put("/api/paywall/marketplace/settings", Objects.requireNonNull(settings, "settings"), Settings.class);
    }

    /** GET {@code .../manual/trigger/pending}: the pooled platform earnings of the range. */
    public Pending pending(int currencyId, LocalDate dateFrom, LocalDate dateTo) {
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("datefrom", dateFrom.toString());
        inputs.put("dateto", dateTo.toString());
        inputs.put("currencyid", Integer.toString(currencyId));
        return client.getWithHeaders("/api/paywall/marketplace/manual/trigger/pending", inputs, KasaJson.type(Pending.class));
    }

    /** POST {@code .../manual/trigger/start}. */
    public PayoutJob start(PayoutOrder order) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("CurrencyId", order.currencyId());
        body.put("DateFrom", order.dateFrom() == null ? null : order.dateFrom().toString());
        body.put("DateTo", order.dateTo() == null ? null : order.dateTo().toString());
        body.put("TestMode", order.testMode());
        body.put("SkipExistsControl", order.skipExistsControl());
        return client.post("/api/paywall/marketplace/manual/trigger/start", body, PayoutJob.class);
    }

    /** POST {@code .../manual/trigger/start} with a body sent verbatim (seed 004's sample, say). */
    public PayoutJob startJson(String json) {
        return client.post("/api/paywall/marketplace/manual/trigger/start", new Transport.Verbatim(json), PayoutJob.class);
    }

    /** GET {@code .../manual/trigger/inquiry} (header {@code jobid}). */
    public PayoutJobStatus inquiry(UUID jobId) {
        return client.getWithHeaders("/api/paywall/marketplace/manual/trigger/inquiry",
                Map.of("jobid", Objects.requireNonNull(jobId, "jobId").toString()), KasaJson.type(PayoutJobStatus.class));
    }

    /** POST {@code .../manual/trigger/restart}: runs a failed job again. */
    public PayoutJob restart(UUID jobId) {
        return client.post("/api/paywall/marketplace/manual/trigger/restart", new JobRef(jobId), PayoutJob.class);
    }

    /** GET {@code .../report/earning/payment} (header {@code paymentid}, the sale's integer {@code PaymentId}). */
    public List<ProductEarning> earningsOfPayment(long paymentId) {
        return client.getWithHeaders("/api/paywall/marketplace/report/earning/payment",
                Map.of("paymentid", Long.toString(paymentId)), KasaJson.listOf(ProductEarning.class));
    }

    /** GET {@code .../report/earning/member}: a page ({@code start} offset, {@code length} 1–50) of a member's earnings. */
    public MemberEarnings earningsOfMember(long memberId, int start, int length) {
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("memberid", Long.toString(memberId));
        inputs.put("start", Integer.toString(start));
        inputs.put("length", Integer.toString(length));
        return client.getWithHeaders("/api/paywall/marketplace/report/earning/member", inputs,
                KasaJson.type(MemberEarnings.class));
    }

    /** GET {@code .../report/debt/product} (header {@code productid}, the product's integer {@code ProductId}). */
    public List<DebtItem> debtsOfProduct(long productId) {
        return client.getWithHeaders("/api/paywall/marketplace/report/debt/product",
                Map.of("productid", Long.toString(productId)), KasaJson.listOf(DebtItem.class));
    }

    /** GET {@code .../report/debt/payment} (header {@code paymentid}, the sale's integer {@code PaymentId}). */
    public List<DebtItem> debtsOfPayment(long paymentId) {
        return client.getWithHeaders("/api/paywall/marketplace/report/debt/payment",
                Map.of("paymentid", Long.toString(paymentId)), KasaJson.listOf(DebtItem.class));
    }

    /** PUT {@code .../debt/increase/id} (answers {@code Body: null}): the member owes {@code debt} more; only while the debt is open. */
    public void increaseDebt(long debtId, BigDecimal debt) {
        client.send("PUT", "/api/paywall/marketplace/debt/increase/id", new DebtChange(debtId, debt), KasaJson.type(Object.class), false);
    }

    /** PUT {@code .../debt/decrease/id}: the member owes {@code debt} less; only while the debt is open. */
    public void decreaseDebt(long debtId, BigDecimal debt) {
        client.send("PUT", "/api/paywall/marketplace/debt/decrease/id", new DebtChange(debtId, debt), KasaJson.type(Object.class), false);
    }

    /** DELETE {@code .../debt/delete/id}: the member owes nothing more of it; only while the debt is open. */
    public void deleteDebt(long debtId) {
        client.send("DELETE", "/api/paywall/marketplace/debt/delete/id", new DebtRef(debtId), KasaJson.type(Object.class), false);
    }
}
