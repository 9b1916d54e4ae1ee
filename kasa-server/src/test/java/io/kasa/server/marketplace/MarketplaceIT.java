package io.kasa.server.marketplace;

import io.kasa.client.KasaException;
import io.kasa.client.Marketplace;
import io.kasa.client.SaleResult;
import io.kasa.server.KasaServerIT;
import io.kasa.server.RawHttp;
import io.kasa.server.Seeds;
import io.kasa.terminal.Behaviour;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;


import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import static io.kasa.server.Devices.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The marketplace end to end: members' sales split into earnings, the pool, payout orders
 * through the simulated bank, failures and restarts. The money rules are checked after
 * every test.
 */
public class MarketplaceIT extends KasaServerIT {

    public static final String PLATFORM_IBAN = "TR330006100519786457841326";
    public static final String MEMBER_IBAN = "TR320010009999901234567890";

    @Autowired
    SimulatedBank bank;
    @Autowired
    MeterRegistry meters;

    /** Once no payout is on its way — a job's transfer runs after its answer — the money balances. */
    @AfterEach
    void moneyBalances() {
        assertThat(eventually(Duration.ofSeconds(15), () -> jdbc.sql("""
                select (select count(*) from payout_job where status in ('CREATED', 'RUNNING'))
                     + (select count(*) from payout where status = 'IN_FLIGHT' and job_id is not null
                        and exists (select 1 from payout_job j where j.id = job_id and j.status in ('CREATED', 'RUNNING')))""")
                .query(Long.class).single() == 0)).as("payout jobs settle").isTrue();
        assertThat(MoneyInvariants.broken(jdbc)).isEmpty();
    }

    @Test
    void aMembersSaleSplitsIntoSharesThatAddUpAndACancelReversesThem() {
        Shop shop = marketplaceShop("split", true);
        long member = member(shop, "12.5");

        SaleResult sale = shop.client().payments().syncSaleJson(twoProducts(shop, member));
        assertThat(sale.paymentStatus()).isEqualTo(4);

        List<Marketplace.ProductEarning> earnings = shop.client().marketplace().earningsOfPayment(sale.paymentId());
        assertThat(earnings).hasSize(2);
        Marketplace.ProductEarning haircut = earnings.get(0);
        assertThat(haircut.subMerchantEarning()).isEqualByComparingTo("87.50");
        assertThat(haircut.merchantEarning()).isEqualByComparingTo("12.50");
        assertThat(haircut.memberId()).isEqualTo(member);
        assertThat(haircut.subMerchantReflectionDate()).isEqualTo(haircut.merchantReflectionDate());
        Marketplace.ProductEarning shampoo = earnings.get(1);
        assertThat(shampoo.subMerchantEarning()).isNull();
        assertThat(shampoo.merchantEarning()).isEqualByComparingTo("50.00");
        assertThat(shampoo.merchantEarningStatusId()).as("pooled").isEqualTo(6);

        var report = shop.client().marketplace().earningsOfMember(member, 0, 50);
        assertThat(report.totalRecord()).isEqualTo(1);
        assertThat(report.data().getFirst().earning()).isEqualByComparingTo("87.50");
        assertThat(report.data().getFirst().calculationCommission()).isEqualByComparingTo("12.5");
        int status = report.data().getFirst().marketPlaceEarningStatusId();
        assertThat(status).as("approved at once, paid on its reflection date").isEqualTo(2);
        assertThat(report.data().getFirst().marketPlaceEarningStatus()).as("in English for locale en").isEqualTo("Scheduled");
        assertThat(shop.client().withLocale(null).marketplace().earningsOfMember(member, 0, 50).data().getFirst()
                .marketPlaceEarningStatus()).as("named in Turkish by default, as Paywall's samples name them")
                .isEqualTo("Planlandı");

        assertThat(shop.client().payments().syncCancel(sale.paymentRequestId(), false, Duration.ofSeconds(30)).paymentStatus())
                .isEqualTo(4);
        assertThat(shop.client().marketplace().earningsOfPayment(sale.paymentId()))
                .allSatisfy(product -> assertThat(product.merchantEarningStatusId()).as("reversed").isEqualTo(5));
        LocalDate today = today();
        assertThat(shop.client().marketplace().pending(1, today.minusDays(1), today).count()).isZero();
    }

    @Test
    void aSaleNamingSomeoneElsesMemberIsRefused() {
        Shop shop = marketplaceShop("foreign member", true);
        Shop other = marketplaceShop("other", true);
        long foreign = member(other, "10");
        refusedWith(28, () -> shop.client().payments().syncSaleJson(twoProducts(shop, foreign)));
        refusedWith(28, () -> shop.client().payments().syncSaleJson(twoProducts(shop, Long.MAX_VALUE)));
        String withGuid = twoProducts(shop, foreign).replace("\"MemberId\":" + foreign,
                "\"MemberId\":\"" + UUID.randomUUID() + "\"");
        assertThat(withGuid).as("the sale names a GUID member").doesNotContain("\"MemberId\":" + foreign);
        refusedWith(1001, () -> shop.client().payments().syncSaleJson(withGuid));
        assertThat(shop.client().payments().list(io.kasa.client.PaymentQuery.page(0, 10)).items())
                .as("no refused sale was recorded").isEmpty();
    }

    @Test
    void seed004SampleBodyStartsAJobAndAnEmptyRangeSucceedsWithNothingToPay() {
        Shop shop = marketplaceShop("seed 004", true);
        String seedBody = """
                {"CurrencyId":1,"DateFrom":"2024-07-04","DateTo":"2024-07-06","TestMode":false,"SkipExistsControl":false}""";

        Marketplace.PayoutJob job = shop.client().marketplace().startJson(seedBody);

        assertThat(job.dateFrom().toString()).isEqualTo("2024-07-04T00:00");
        assertThat(job.dateTo().toLocalDate()).isEqualTo(LocalDate.of(2024, 7, 6));
        assertThat(job.count()).isZero();
        assertThat(eventually(Duration.ofSeconds(5), () -> status(shop, job.jobId()).anySuccess()
                || status(shop, job.jobId()).results().isEmpty() && jobState(job.jobId()).equals("SUCCEEDED"))).isTrue();
        refusedWith(560, () -> shop.client().marketplace().startJson(seedBody));
        assertThat(shop.client().marketplace().start(Marketplace.PayoutOrder.of(1, LocalDate.of(2024, 7, 5),
                LocalDate.of(2024, 7, 5)).withSkipExistsControl(true)).count()).isZero();
    }

    @Test
    void thePoolIsPaidOutByAJobThatFailsAtTheBankAndSucceedsOnRestart() {
        Shop shop = marketplaceShop("pool", true);
        long member = member(shop, "10");
        SaleResult sale = shop.client().payments().syncSaleJson(twoProducts(shop, member));
        assertThat(sale.paymentStatus()).isEqualTo(4);
        LocalDate today = today();

        Marketplace.Pending pending = shop.client().marketplace().pending(1, today.minusDays(3), today);
        assertThat(pending.count()).isEqualTo(2);
        assertThat(pending.earning()).isEqualByComparingTo("60.00");

        refusedWith(553, () -> shop.client().marketplace().start(Marketplace.PayoutOrder.of(1, today.minusDays(3), today)));
        DistributionSummary failedPayouts = orderPayouts("failed");
        DistributionSummary paidPayouts = orderPayouts("succeeded");
        long failedBefore = failedPayouts.count();
        double failedAmountBefore = failedPayouts.totalAmount();
        long paidBefore = paidPayouts.count();
        double paidAmountBefore = paidPayouts.totalAmount();
        bank.failAccount(PLATFORM_IBAN);
        Marketplace.PayoutJob job;
        try {
            job = shop.client().marketplace().start(Marketplace.PayoutOrder.of(1, today.minusDays(3), today).withTestMode(true));
            assertThat(job.count()).isEqualTo(2);
            assertThat(job.earning()).isEqualByComparingTo("60.00");
            UUID jobId = job.jobId();
            assertThat(eventually(Duration.ofSeconds(5), () -> jobState(jobId).equals("FAILED"))).isTrue();
            Marketplace.PayoutJobStatus failed = status(shop, jobId);
            assertThat(failed.anySuccess()).isFalse();
            assertThat(failed.results()).singleElement().satisfies(result -> {
                assertThat(result.result()).isFalse();
                assertThat(result.resultMessage()).contains("refused");
            });
            assertThat(shop.client().marketplace().pending(1, today.minusDays(3), today).count())
                    .as("a failed job keeps its earnings out of the pool").isZero();
        } finally {
            bank.healAccount(PLATFORM_IBAN);
        }

        Marketplace.PayoutJob restarted = shop.client().marketplace().restart(job.jobId());

        assertThat(restarted.jobId()).isEqualTo(job.jobId());
        assertThat(eventually(Duration.ofSeconds(5), () -> jobState(job.jobId()).equals("SUCCEEDED"))).isTrue();
        Marketplace.PayoutJobStatus done = status(shop, job.jobId());
        assertThat(done.anySuccess()).isTrue();
        assertThat(done.results()).extracting(Marketplace.PayoutJobStatus.Result::result).containsExactly(false, true);
        assertThat(eventually(Duration.ofSeconds(5), () -> paidPayouts.count() == paidBefore + 1))
                .as("the bank's answers counted once recorded").isTrue();
        assertThat(failedPayouts.count()).isEqualTo(failedBefore + 1);
        assertThat(failedPayouts.totalAmount() - failedAmountBefore).isEqualTo(60.0);
        assertThat(paidPayouts.totalAmount() - paidAmountBefore).isEqualTo(60.0);
        assertThat(shop.client().marketplace().earningsOfPayment(sale.paymentId()))
                .allSatisfy(product -> assertThat(product.merchantEarningStatusId()).as("paid").isEqualTo(4));
        refusedWith(562, () -> shop.client().marketplace().restart(job.jobId()));
        refusedWith(560, () -> shop.client().marketplace().start(
                Marketplace.PayoutOrder.of(1, today.minusDays(1), today).withTestMode(true)));
        Marketplace.PayoutJob again = shop.client().marketplace().start(
                Marketplace.PayoutOrder.of(1, today.minusDays(3), today).withTestMode(true).withSkipExistsControl(true));
        assertThat(again.count()).as("paid earnings are never paid twice").isZero();
    }

    @Test
    void theRulesOfStartAreEnforced() {
        Shop off = marketplaceShop("no manual trigger", false);
        LocalDate yesterday = today().minusDays(1);
        refusedWith(551, () -> off.client().marketplace().start(Marketplace.PayoutOrder.of(1, yesterday, yesterday)));

        Shop shop = marketplaceShop("rules", true);
        refusedWith(1001, () -> shop.client().marketplace().start(Marketplace.PayoutOrder.of(1, yesterday, yesterday.minusDays(1))));
        refusedWith(1001, () -> shop.client().marketplace().start(Marketplace.PayoutOrder.of(1, yesterday.minusDays(40), yesterday)));
        assertThat(shop.client().marketplace().start(Marketplace.PayoutOrder.of(1, yesterday.minusDays(39), yesterday)).count()).isZero();
        refusedWith(1001, () -> shop.client().marketplace().start(Marketplace.PayoutOrder.of(8, yesterday, yesterday)));
        refusedWith(553, () -> shop.client().marketplace().start(Marketplace.PayoutOrder.of(2, yesterday, today())));
        refusedWith(561, () -> shop.client().marketplace().inquiry(UUID.randomUUID()));
        refusedWith(561, () -> newMerchant("stranger").client().marketplace().inquiry(
                shop.client().marketplace().start(Marketplace.PayoutOrder.of(3, yesterday, yesterday)).jobId()));
    }

    @Test
    void twoConcurrentStartsOverOverlappingRangesCreateOneJob() throws Exception {
        Shop shop = marketplaceShop("concurrent", true);
        long member = member(shop, "10");
        shop.client().payments().syncSaleJson(twoProducts(shop, member));
        LocalDate today = today();
        bank.failAccount(PLATFORM_IBAN);
        try (var callers = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var first = callers.submit(() -> shop.client().marketplace().start(
                    Marketplace.PayoutOrder.of(1, today.minusDays(2), today).withTestMode(true)));
            var second = callers.submit(() -> shop.client().marketplace().start(
                    Marketplace.PayoutOrder.of(1, today.minusDays(1), today).withTestMode(true)));
            int created = 0;
            for (var start : List.of(first, second)) {
                try {
                    created += start.get().count() > 0 ? 1 : 0;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(((KasaException) e.getCause()).errorCode()).isIn(550, 560);
                }
            }
            assertThat(created).isEqualTo(1);
            assertThat(eventually(Duration.ofSeconds(10), () -> jdbc.sql(
                    "select count(*) from payout_job where merchant_id = :m and status in ('CREATED', 'RUNNING')")
                    .param("m", shop.merchant().created().merchantId()).query(Long.class).single() == 0)).isTrue();
        } finally {
            bank.healAccount(PLATFORM_IBAN);
        }
        assertThat(jdbc.sql("select count(*) from earning e join payment p on p.id = e.payment_id where p.merchant_id = :m and e.job_id is not null")
                .param("m", shop.merchant().created().merchantId()).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void theSettingsAreTheMerchantsOwnAndTheIbanIsChecked() {
        Shop shop = marketplaceShop("settings", true);
        assertThat(shop.client().marketplace().settings().platformIban()).isEqualTo(PLATFORM_IBAN);
        refusedWith(1001, () -> shop.client().marketplace().updateSettings(
                new Marketplace.Settings(true, true, "TR330006100519786457841327", "Platform")));
        var updated = shop.client().marketplace().updateSettings(new Marketplace.Settings(true, false, "tr33 0006 1005 1978 6457 8413 26", "Platform"));
        assertThat(updated.platformIban()).isEqualTo(PLATFORM_IBAN);
        assertThat(newMerchant("other").client().marketplace().settings().marketplaceEnabled()).isFalse();
    }

    // --- fixtures ---

    private Shop marketplaceShop(String name, boolean manualTrigger) {
        Shop shop = shop(name, Behaviour.approve());
        admin.setMarketplace(shop.merchant().created().merchantId(),
                new Marketplace.Settings(true, manualTrigger, PLATFORM_IBAN, "Platform A.Ş.", true));
        return shop;
    }

    private long member(Shop shop, String commission) {
        return member(baseUri, shop.merchant().created().publicKey(), commission);
    }

    /** A member with a 7-day value date and the given commission, paid to its TRY account. */
    public static long member(java.net.URI baseUri, io.kasa.client.IssuedKey publicKey, String commission) {
        return member(baseUri, publicKey, MEMBER_IBAN, commission);
    }

    /** A member with a 7-day value date, the commission, and a TRY account at {@code iban}. */
    public static long member(java.net.URI baseUri, io.kasa.client.IssuedKey publicKey, String iban, String commission) {
        String body = """
                {"IsSubMerchant":true,"MemberType":1,"MemberExternalId":"%s","MemberName":"Berber Ali",
                 "MemberTitle":"Ali Yılmaz","MemberIdentityNumber":"10000000146","MemberEmail":"ali@example.com",
                 "MemberPhone":"+905551112233","MemberAddress":"Kadıköy, İstanbul","ContactName":"Ali","ContactLastname":"Yılmaz",
                 "BankAccounts":[{"CurrencyId":1,"Title":"Ali Yılmaz","Iban":"%s"}],
                 "ValueDate":{"CalculationType":1,"CalculationValue":7,"Commission":%s}}"""
                .formatted(UUID.randomUUID(), iban, commission);
        RawHttp.Answer answer = new RawHttp(baseUri).post("/api/paywall/member")
                .publicKeys(publicKey).json(body).send();
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.json().get("Body").get("Id").isIntegralNumber()).as("MemberId is an integer").isTrue();
        return answer.json().get("Body").get("Id").longValue();
    }

    /** Seed 002 with two products: 100.00 from the member and 50.00 of the platform's own. */
    static String twoProducts(Shop shop, long member) {
        return twoProducts(shop.terminalId(), member);
    }

    public static String twoProducts(UUID terminalId, long member) {
        return sale(terminalId, member, 10_000, 5_000);
    }

    /**
     * Seed 002 with a product of {@code memberCents} from the member (or of the platform's
     * own when {@code member} is null) and, when {@code ownCents} > 0, one of the platform's.
     */
    public static String sale(UUID terminalId, Long member, int memberCents, int ownCents) {
        JsonMapper json = JsonMapper.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).build();
        ObjectNode sale = (ObjectNode) json.readTree(Seeds.syncSale(terminalId, UUID.randomUUID().toString()));
        java.math.BigDecimal first = java.math.BigDecimal.valueOf(memberCents, 2);
        java.math.BigDecimal second = java.math.BigDecimal.valueOf(ownCents, 2);
        sale.put("Amount", first.add(second));
        ObjectNode haircut = (ObjectNode) sale.get("Products").get(0);
        haircut.put("Amount", first);
        if (member != null) {
            haircut.put("MemberId", member);
        }
        if (ownCents > 0) {
            ((ArrayNode) sale.get("Products")).addObject().put("Name", "Şampuan").put("TaxGroupId", 20)
                    .put("UnitCodeId", 4).put("Amount", second).put("Quantity", 1);
        }
        return json.writeValueAsString(sale);
    }

    private Marketplace.PayoutJobStatus status(Shop shop, UUID jobId) {
        return shop.client().marketplace().inquiry(jobId);
    }

    private String jobState(UUID jobId) {
        return jdbc.sql("select status from payout_job where id = :id").param("id", jobId).query(String.class).single();
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneId.of("Europe/Istanbul"));
    }

    private static void refusedWith(int errorCode, org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        KasaException failure = catchThrowableOfType(KasaException.class, call);
        assertThat(failure).as("refused with " + errorCode).isNotNull();
        assertThat(failure.errorCode()).as(failure.getMessage()).isEqualTo(errorCode);
    }


    /** The payout orders' answers of this result, in Turkish lira, as the node counts them. */
    private DistributionSummary orderPayouts(String result) {
        return meters.get("kasa.payouts").tag("kind", "order").tag("result", result).tag("currency", "TRY").summary();
    }

}
