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
 * The marketplace API ({@code docs/marketplace.md}): settings, approval and rejection of a
 * sale's earnings, earnings and debt reports and operations (postpone, reflection date,
 * increase, decrease, retry of a failed payout; the merchant's changes to a member's debts),
 * and the manual trigger that pays out the platform earnings waiting in the pool (seed 004).
 * Failures are {@link KasaException}s carrying the marketplace {@code ErrorCode} (550, 551,
 * 553, …). Thread-safe; obtain from {@link KasaClient#marketplace()}.
 */
public final class Marketplace {

    /**
     * Marketplace settings: {@code platformIban} receives the platform's payouts;
     * {@code automaticApproval} approves each sale's earnings as soon as they are calculated
     * (off by default, as in Paywall).
     */
    public record Settings(boolean marketplaceEnabled, boolean manualTrigger, String platformIban,
                           String platformAccountTitle, boolean automaticApproval) {

        /** Settings with automatic approval off. */
        public Settings(boolean marketplaceEnabled, boolean manualTrigger, String platformIban, String platformAccountTitle) {
            this(marketplaceEnabled, manualTrigger, platformIban, platformAccountTitle, false);
        }
    }

    /**
     * What an approval names: the payment, its products ({@code productIds}, for the
     * {@code .../product} calls; ignored by the {@code .../payment} ones), the transfer's
     * description ({@code payoutDescription}, null for none) and whether the platform's share
     * is paid on the member's reflection date.
     */
    public record ApprovalRequest(long paymentId, List<Long> productIds, String payoutDescription,
                                  boolean sameReflectionDateWithMember) {

        public ApprovalRequest {
            productIds = productIds == null ? null : List.copyOf(productIds);
        }

        /** Approves these products of the payment. */
        public static ApprovalRequest products(long paymentId, List<Long> productIds) {
            return new ApprovalRequest(paymentId, Objects.requireNonNull(productIds, "productIds"), null, false);
        }

        /** Approves every product of the payment. */
        public static ApprovalRequest payment(long paymentId) {
            return new ApprovalRequest(paymentId, null, null, false);
        }

        /** The transfer's description ({@code Payout: {DescriptionApply: true, Description}}). */
        public ApprovalRequest withPayoutDescription(String description) {
            return new ApprovalRequest(paymentId, productIds, description, sameReflectionDateWithMember);
        }

        public ApprovalRequest withSameReflectionDateWithMember(boolean same) {
            return new ApprovalRequest(paymentId, productIds, payoutDescription, same);
        }
    }

    /**
     * The answer of an approval or rejection: the products it decided ({@code success}) and
     * those it could not, each with Paywall's reason. When nothing succeeded the server answers
     * {@code ErrorCode} 1 with this same body; {@link #succeeded()} is then false.
     */
    public record Approval(List<Success> success, List<Failure> fail) {

        public Approval {
            success = success == null ? List.of() : List.copyOf(success);
            fail = fail == null ? List.of() : List.copyOf(fail);
        }

        public record Success(long productId) {
        }

        public record Failure(long productId, String reason) {
        }

        /** Whether at least one product was decided. */
        public boolean succeeded() {
            return !success.isEmpty();
        }
    }

    /** GET {@code .../report/approval}: the payment's products, approved or not. */
    public record ApprovalReport(List<Product> approved, List<Product> notApproved) {

        public record Product(long productId) {
        }
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

    /**
     * One product of a payment with its platform ("merchant") and member ("sub-merchant")
     * shares; a payout transaction id names the transfer that took the share, null before.
     */
    public record ProductEarning(long paymentId, long productId, String productExternalId, String productName,
                                 BigDecimal productAmount, Long memberId,
                                 Long merchantEarningId, BigDecimal merchantEarning, LocalDateTime merchantReflectionDate,
                                 Long subMerchantEarningId, BigDecimal subMerchantEarning,
                                 LocalDateTime subMerchantReflectionDate,
                                 Integer merchantEarningStatusId, UUID merchantPayoutTransactionId,
                                 Integer subMerchantEarningStatusId, UUID subMerchantPayoutTransactionId) {
    }

    /** One earning, as GET {@code .../report/earning/id} answers it; {@code memberId} is null for the platform's. */
    public record EarningDetail(long id, long paymentId, long productId, UUID merchantId, Long memberId,
                                boolean isSubMerchant, BigDecimal earning, LocalDateTime reflectionDate,
                                int earningStatusId) {
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

    private record ProductIds(List<Long> productIds) {
    }

    private record PaymentRef(long paymentId) {
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

    /** GET {@code .../report/earning/product} (header {@code productid}, the product's integer {@code ProductId}). */
    public ProductEarning earningsOfProduct(long productId) {
        return client.getWithHeaders("/api/paywall/marketplace/report/earning/product",
                Map.of("productid", Long.toString(productId)), KasaJson.type(ProductEarning.class));
    }

    /** GET {@code .../report/earning/id} (header {@code earningid}). */
    public EarningDetail earning(long earningId) {
        return client.getWithHeaders("/api/paywall/marketplace/report/earning/id",
                Map.of("earningid", Long.toString(earningId)), KasaJson.type(EarningDetail.class));
    }

    /** PUT {@code .../earning/postpone/product}: the product's member earning (and with {@code applyAll} the platform's) {@code day} days later. */
    public void postponeProduct(long productId, int day, boolean applyAll) {
        put("/postpone/product", body("ProductId", productId, "Day", day, "ApplyAll", applyAll));
    }

    /** PUT {@code .../earning/increase/product}: {@code earning} more for the member, taken from the platform's share. */
    public void increaseProduct(long productId, BigDecimal earning, boolean applyAll) {
        put("/increase/product", body("ProductId", productId, "Earning", earning, "ApplyAll", applyAll));
    }

    /** PUT {@code .../earning/decrease/product}: {@code earning} less for the member, given to the platform's share. */
    public void decreaseProduct(long productId, BigDecimal earning, boolean applyAll) {
        put("/decrease/product", body("ProductId", productId, "Earning", earning, "ApplyAll", applyAll));
    }

    /** PUT {@code .../earning/reflection/product}: a new reflection date. */
    public void reflectProduct(long productId, LocalDate reflectionDate, boolean applyAll) {
        put("/reflection/product", body("ProductId", productId, "ReflectionDate", day(reflectionDate), "ApplyAll", applyAll));
    }

    /**
     * PUT {@code .../earning/put/retry/product}: the product's failed earnings back in the
     * payout queue, due on {@code newReflectionDate}, or at once when it is null.
     */
    public void retryProduct(long productId, LocalDate newReflectionDate, boolean applyAll) {
        put("/put/retry/product", body("ProductId", productId, "ChangeReflectionDate", newReflectionDate != null,
                "ReflectionDate", day(newReflectionDate), "ApplyAll", applyAll));
    }

    /** PUT {@code .../earning/put/retry/payment}: every failed earning of the payment back in the queue. */
    public void retryPayment(long paymentId, LocalDate newReflectionDate) {
        put("/put/retry/payment", body("PaymentId", paymentId, "ChangeReflectionDate", newReflectionDate != null,
                "ReflectionDate", day(newReflectionDate)));
    }

    /** PUT {@code .../earning/postpone/id}. */
    public void postponeEarning(long earningId, int day) {
        put("/postpone/id", body("Id", earningId, "Day", day));
    }

    /** PUT {@code .../earning/increase/id}: taken from the other share of the same product. */
    public void increaseEarning(long earningId, BigDecimal earning) {
        put("/increase/id", body("Id", earningId, "Earning", earning));
    }

    /** PUT {@code .../earning/decrease/id}: given to the other share of the same product. */
    public void decreaseEarning(long earningId, BigDecimal earning) {
        put("/decrease/id", body("Id", earningId, "Earning", earning));
    }

    /** PUT {@code .../earning/reflection/id}. */
    public void reflectEarning(long earningId, LocalDate reflectionDate) {
        put("/reflection/id", body("Id", earningId, "ReflectionDate", day(reflectionDate)));
    }

    /** PUT {@code .../earning/put/retry/id}. */
    public void retryEarning(long earningId, LocalDate newReflectionDate) {
        put("/put/retry/id", body("Id", earningId, "ChangeReflectionDate", newReflectionDate != null,
                "ReflectionDate", day(newReflectionDate)));
    }

    private void put(String operation, Map<String, Object> body) {
        client.put("/api/paywall/marketplace/earning" + operation, body, Void.class);
    }

    /** A body of name, value pairs in the order given, as Paywall's pages list the fields. */
    private static Map<String, Object> body(Object... namesAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            body.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return body;
    }

    private static String day(LocalDate date) {
        return date == null ? null : date.toString();
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

    /** POST {@code .../approve/pw/product}: approves the products with Kasa's calculation. */
    public Approval approveProducts(ApprovalRequest request) {
        return decide("approve/pw/product", approval(request, true));
    }

    /** POST {@code .../approve/pw/payment}: approves every product of the payment with Kasa's calculation. */
    public Approval approvePayment(ApprovalRequest request) {
        return decide("approve/pw/payment", approval(request, false));
    }

    /** POST {@code .../approve/self/product}: approves products sold with the platform's own figures. */
    public Approval approveProductsSelf(ApprovalRequest request) {
        return decide("approve/self/product", approval(request, true));
    }

    /** POST {@code .../approve/self/payment}: approves a payment sold with the platform's own figures. */
    public Approval approvePaymentSelf(ApprovalRequest request) {
        return decide("approve/self/payment", approval(request, false));
    }

    /** POST {@code .../reject/product}: rejects the products' earnings, which are then never paid. */
    public Approval reject(List<Long> productIds) {
        return decide("reject/product", new ProductIds(List.copyOf(productIds)));
    }

    /** POST {@code .../reject/payment}: rejects every product of the payment. */
    public Approval rejectPayment(long paymentId) {
        return decide("reject/payment", new PaymentRef(paymentId));
    }

    /** GET {@code .../report/approval} (header {@code paymentid}). */
    public ApprovalReport approvalReport(long paymentId) {
        return client.getWithHeaders("/api/paywall/marketplace/report/approval",
                Map.of("paymentid", Long.toString(paymentId)), KasaJson.type(ApprovalReport.class));
    }

    private static Map<String, Object> approval(ApprovalRequest request, boolean withProducts) {
        Objects.requireNonNull(request, "request");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("PaymentId", request.paymentId());
        if (withProducts) {
            body.put("ProductIds", request.productIds());
        }
        if (request.payoutDescription() != null) {
            body.put("Payout", Map.of("DescriptionApply", true, "Description", request.payoutDescription()));
        }
        body.put("SameReflectionDateWithMember", request.sameReflectionDateWithMember());
        return body;
    }

    private Approval decide(String path, Object body) {
        return client.postItemised("/api/paywall/marketplace/" + path, body, Approval.class);
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
