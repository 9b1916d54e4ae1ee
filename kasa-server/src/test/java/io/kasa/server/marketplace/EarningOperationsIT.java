package io.kasa.server.marketplace;

import io.kasa.client.CreatedMerchant;
import io.kasa.client.KasaAdminClient;
import io.kasa.client.KasaClient;
import io.kasa.client.KasaException;
import io.kasa.client.Marketplace;
import io.kasa.client.SaleResult;
import io.kasa.server.Devices;
import io.kasa.server.KasaServerIT;
import io.kasa.server.MutableClock;
import io.kasa.server.RawHttp;
import io.kasa.terminal.Behaviour;
import io.kasa.terminal.TerminalAgent;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Paywall's earnings operations and reports (notes §7.3) on a server of its own whose
 * business clock the test moves, so that weekdays, today and the 16:00 cut-off are the
 * test's choice: reports by product, payment, id and member with every documented field;
 * increase and decrease moving money between the two shares of a product; postpone and
 * reflection dates under Paywall's rules; a payout the bank refuses left FAILED until a retry
 * puts it back in the queue. The money rules are checked after every test.
 */
@Import(MutableClock.InServer.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "kasa.admin-token=" + KasaServerIT.ADMIN_TOKEN,
        "kasa.demo.enabled=false",
        // the test runs the payouts itself, at the clock's dates it chose
        "kasa.marketplace.payout-interval=1h"
})
class EarningOperationsIT {

    private static final ZoneId ZONE = ZoneId.of("Europe/Istanbul");

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        String dir = Files.createTempDirectory("kasa-earnings-").toString();
        registry.add("kasa.data-dir", () -> dir);
    }

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    @Autowired
    AutomaticPayouts automaticPayouts;
    @Autowired
    SimulatedBank bank;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;

    URI baseUri;
    CreatedMerchant created;
    KasaClient merchant;
    Marketplace marketplace;
    UUID terminalId;
    TerminalAgent agent;
    long member;
    /** Today on the server's clock: a Monday, 10:00 when the test starts. */
    LocalDate monday;

    @BeforeEach
    void marketplaceMerchant() {
        baseUri = URI.create("http://127.0.0.1:" + port);
        KasaAdminClient admin = KasaAdminClient.create(baseUri, KasaServerIT.ADMIN_TOKEN);
        created = admin.createMerchant("earnings");
        admin.setMarketplace(created.merchantId(), new Marketplace.Settings(true, false, MarketplaceIT.PLATFORM_IBAN, "Platform", true));
        merchant = KasaClient.builder().baseUri(baseUri).privateKeys(created.privateKey()).publicKeys(created.publicKey())
                .locale("en").build();
        marketplace = merchant.marketplace();
        // before the terminal connects: a device silent for the days the clock jumps is offline
        monday = moveTo(DayOfWeek.MONDAY, LocalTime.of(10, 0));
        terminalId = Devices.register(merchant, "Till");
        agent = Devices.connected(baseUri, merchant, terminalId);
        agent.behave(Behaviour.approve());
        member = MarketplaceIT.member(baseUri, created.publicKey(), "10");
    }

    @AfterEach
    void moneyBalances() {
        agent.close();
        bank.healAccount(MarketplaceIT.MEMBER_IBAN);
        assertThat(MoneyInvariants.broken(jdbc)).isEmpty();
    }

    @Test
    void theReportsByProductAndByIdCarryEveryDocumentedFieldAndThePayoutsTransactionIds() {
        SaleResult sale = sale();
        long haircut = marketplace.earningsOfPayment(sale.paymentId()).get(0).productId();
        long shampoo = marketplace.earningsOfPayment(sale.paymentId()).get(1).productId();

        JsonNode product = report("/report/earning/product", "productid", haircut);
        assertThat(product.propertyNames()).containsExactly("PaymentId", "ProductId", "ProductExternalId", "ProductName",
                "ProductAmount", "MemberId", "MerchantEarningId", "MerchantEarning", "MerchantReflectionDate",
                "SubMerchantEarningId", "SubMerchantEarning", "SubMerchantReflectionDate", "MerchantEarningStatusId",
                "MerchantPayoutTransactionId", "SubMerchantEarningStatusId", "SubMerchantPayoutTransactionId");
        Marketplace.ProductEarning shares = marketplace.earningsOfProduct(haircut);
        assertThat(shares.paymentId()).isEqualTo(sale.paymentId());
        assertThat(shares.productName()).isEqualTo("Saç Tıraşı");
        assertThat(shares.productAmount()).isEqualByComparingTo("100.00");
        assertThat(shares.subMerchantEarning()).isEqualByComparingTo("90.00");
        assertThat(shares.merchantEarning()).isEqualByComparingTo("10.00");
        assertThat(shares.subMerchantReflectionDate()).isEqualTo(monday.plusDays(7).atStartOfDay());
        assertThat(shares.subMerchantEarningStatusId()).as("scheduled").isEqualTo(2);
        assertThat(shares.subMerchantPayoutTransactionId()).as("not paid yet").isNull();
        assertThat(marketplace.earningsOfProduct(shampoo).subMerchantEarningId()).as("the platform's own product").isNull();

        JsonNode byId = report("/report/earning/id", "earningid", shares.subMerchantEarningId());
        assertThat(byId.propertyNames()).containsExactly("Id", "PaymentId", "ProductId", "MerchantId", "MemberId",
                "IsSubMerchant", "Earning", "ReflectionDate", "EarningStatusId");
        Marketplace.EarningDetail memberShare = marketplace.earning(shares.subMerchantEarningId());
        assertThat(memberShare).isEqualTo(new Marketplace.EarningDetail(shares.subMerchantEarningId(), sale.paymentId(),
                haircut, created.merchantId(), member, true, new BigDecimal("90.00"), monday.plusDays(7).atStartOfDay(), 2));
        Marketplace.EarningDetail platformShare = marketplace.earning(shares.merchantEarningId());
        assertThat(platformShare.isSubMerchant()).isFalse();
        assertThat(platformShare.memberId()).isNull();

        moveTo(DayOfWeek.MONDAY, LocalTime.of(10, 0));
        automaticPayouts.run();
        Marketplace.ProductEarning paid = marketplace.earningsOfProduct(haircut);
        assertThat(paid.subMerchantEarningStatusId()).isEqualTo(4);
        assertThat(paid.merchantEarningStatusId()).isEqualTo(4);
        assertThat(paid.subMerchantPayoutTransactionId()).isNotNull().isNotEqualTo(paid.merchantPayoutTransactionId());
        assertThat(paid.merchantPayoutTransactionId()).isNotNull();
        assertThat(marketplace.earningsOfMember(member, 0, 50).data()).singleElement().satisfies(item -> {
            assertThat(item.marketPlaceEarningTransactionId()).isEqualTo(paid.subMerchantPayoutTransactionId());
            assertThat(item.marketPlaceEarningStatusId()).isEqualTo(4);
        });

        KasaClient stranger = stranger();
        refusedWith(33, () -> stranger.marketplace().earningsOfProduct(haircut));
        refusedWith(33, () -> marketplace.earningsOfProduct(Long.MAX_VALUE));
        refusedWith(34, () -> stranger.marketplace().earning(shares.subMerchantEarningId()));
        refusedWith(34, () -> marketplace.earning(Long.MAX_VALUE));
        for (String garbage : List.of("0", "-1", "1.5", "abc", UUID.randomUUID().toString(), "99999999999999999999")) {
            assertThat(rawGet("/report/earning/product", "productid", garbage).status()).as(garbage).isEqualTo(400);
            RawHttp.Answer answer = rawGet("/report/earning/id", "earningid", garbage);
            assertThat(answer.status()).as(garbage).isEqualTo(400);
            assertThat(answer.json().get("ErrorCode").intValue()).isEqualTo(1001);
            assertThat(answer.json().get("Message").stringValue()).contains("earningid");
        }
    }

    @Test
    void increaseAndDecreaseMoveMoneyBetweenTheTwoSharesOfAProductSoItStaysWhole() {
        SaleResult sale = sale();
        long haircut = marketplace.earningsOfPayment(sale.paymentId()).get(0).productId();
        long shampoo = marketplace.earningsOfPayment(sale.paymentId()).get(1).productId();

        marketplace.increaseProduct(haircut, new BigDecimal("5.00"), false);
        assertShares(haircut, "95.00", "5.00");
        marketplace.decreaseProduct(haircut, new BigDecimal("2.5"), true);
        assertShares(haircut, "92.50", "7.50");
        long platformShare = marketplace.earningsOfProduct(haircut).merchantEarningId();
        marketplace.increaseEarning(platformShare, new BigDecimal("1.25"));
        assertShares(haircut, "91.25", "8.75");
        marketplace.decreaseEarning(marketplace.earningsOfProduct(haircut).subMerchantEarningId(), new BigDecimal("0.01"));
        assertShares(haircut, "91.24", "8.76");

        refusedWith(45, () -> marketplace.increaseProduct(haircut, BigDecimal.ZERO, false));
        refusedWith(45, () -> marketplace.increaseProduct(haircut, new BigDecimal("-1.00"), false));
        refusedWith(365, () -> marketplace.increaseProduct(haircut, new BigDecimal("0.001"), false));
        refusedWith(365, () -> marketplace.increaseProduct(haircut, new BigDecimal("8.76"), false));
        refusedWith(365, () -> marketplace.decreaseProduct(haircut, new BigDecimal("91.24"), false));
        refusedWith(365, () -> marketplace.increaseProduct(haircut, new BigDecimal("1E+20"), false));
        refusedWith(365, () -> marketplace.increaseProduct(shampoo, new BigDecimal("1.00"), false));
        assertShares(haircut, "91.24", "8.76");
        marketplace.increaseProduct(haircut, new BigDecimal("8.75"), false);
        assertShares(haircut, "99.99", "0.01");

        String path = "/earning/increase/product";
        for (String body : List.of("{\"ProductId\":" + haircut + "}", "{\"ProductId\":" + haircut + ",\"Earning\":\"abc\"}",
                "{\"ProductId\":" + haircut + ",\"Earning\":true}", "{\"Earning\":1}", "{\"ProductId\":0,\"Earning\":1}",
                "{\"ProductId\":1.5,\"Earning\":1}", "[]", "garbage")) {
            RawHttp.Answer answer = rawPut(path, body);
            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.json().get("Result").booleanValue()).isFalse();
            assertThat(answer.json().has("Body")).isTrue();
        }
        assertThat(rawPut(path, "{\"ProductId\":" + haircut + "}").json().get("Message").stringValue()).contains("Earning");
        assertShares(haircut, "99.99", "0.01");
    }

    @Test
    void aDecreaseOfAMemberWithoutCommissionGivesThePlatformAShare() {
        long whole = MarketplaceIT.member(baseUri, created.publicKey(), "0");
        SaleResult sale = merchant.payments().syncSaleJson(MarketplaceIT.sale(terminalId, whole, 4_000, 0));
        long product = marketplace.earningsOfPayment(sale.paymentId()).getFirst().productId();
        assertThat(marketplace.earningsOfProduct(product).merchantEarningId()).isNull();

        marketplace.decreaseProduct(product, new BigDecimal("4.00"), false);

        Marketplace.ProductEarning shares = marketplace.earningsOfProduct(product);
        assertShares(product, "36.00", "4.00");
        assertThat(shares.merchantReflectionDate()).isEqualTo(shares.subMerchantReflectionDate());
        assertThat(shares.merchantEarningStatusId()).as("scheduled, as the platform's are without manual trigger").isEqualTo(2);
    }

    @Test
    void reflectionDatesFollowPaywallsRulesOnTheBusinessClock() {
        SaleResult sale = sale();
        Marketplace.ProductEarning before = marketplace.earningsOfPayment(sale.paymentId()).getFirst();
        long haircut = before.productId();

        marketplace.reflectProduct(haircut, monday, false);
        Marketplace.ProductEarning today = marketplace.earningsOfProduct(haircut);
        assertThat(today.subMerchantReflectionDate()).isEqualTo(monday.atStartOfDay());
        assertThat(today.merchantReflectionDate()).as("without ApplyAll").isEqualTo(before.merchantReflectionDate());
        marketplace.reflectProduct(haircut, monday.plusDays(2), true);
        assertThat(marketplace.earningsOfProduct(haircut).merchantReflectionDate()).isEqualTo(monday.plusDays(2).atStartOfDay());
        marketplace.reflectEarning(today.merchantEarningId(), monday.plusDays(ReflectionDates.MAX_DAYS_AHEAD));

        refusedWith(361, () -> marketplace.reflectProduct(haircut, monday.plusDays(5), false));
        refusedWith(361, () -> marketplace.reflectEarning(today.subMerchantEarningId(), monday.plusDays(6)));
        refusedWith(363, () -> marketplace.reflectProduct(haircut, monday.minusDays(3), false));
        refusedWith(363, () -> marketplace.reflectProduct(haircut, monday.plusDays(ReflectionDates.MAX_DAYS_AHEAD + 1)
                .with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY)), false));
        for (String date : List.of("2026-02-30", "tomorrow", "12", "2026-13-01", "+99999-01-01")) {
            RawHttp.Answer answer = rawPut("/earning/reflection/product",
                    "{\"ProductId\":" + haircut + ",\"ReflectionDate\":\"" + date + "\",\"ApplyAll\":false}");
            assertThat(answer.status()).as(date).isEqualTo(400);
            assertThat(answer.json().get("ErrorCode").intValue()).as(date).isEqualTo(363);
            assertThat(answer.json().get("Message").stringValue()).contains("ReflectionDate");
        }
        assertThat(rawPut("/earning/reflection/id", "{\"Id\":" + today.subMerchantEarningId() + "}").json()
                .get("ErrorCode").intValue()).as("missing").isEqualTo(1001);

        LocalDate cutOff = moveTo(DayOfWeek.MONDAY, LocalTime.of(16, 0));
        assertThat(cutOff).isEqualTo(monday);
        refusedWith(364, () -> marketplace.reflectProduct(haircut, cutOff, false));
        marketplace.reflectProduct(haircut, cutOff.plusDays(1), true);
        assertThat(marketplace.earningsOfProduct(haircut).subMerchantReflectionDate()).isEqualTo(cutOff.plusDays(1).atStartOfDay());
    }

    @Test
    void postponeMovesTheDateByItsDaysPastAWeekendWithinItsBounds() {
        SaleResult sale = sale();
        Marketplace.ProductEarning shares = marketplace.earningsOfPayment(sale.paymentId()).getFirst();
        LocalDate payable = monday.plusDays(7);

        marketplace.postponeProduct(shares.productId(), 1, false);
        Marketplace.ProductEarning later = marketplace.earningsOfProduct(shares.productId());
        assertThat(later.subMerchantReflectionDate()).isEqualTo(payable.plusDays(1).atStartOfDay());
        assertThat(later.merchantReflectionDate()).as("without ApplyAll").isEqualTo(payable.atStartOfDay());
        marketplace.postponeProduct(shares.productId(), 4, true);
        later = marketplace.earningsOfProduct(shares.productId());
        assertThat(later.subMerchantReflectionDate()).as("Tuesday + 4 is Saturday, moved to Monday")
                .isEqualTo(payable.plusDays(7).atStartOfDay());
        assertThat(later.merchantReflectionDate()).as("Monday + 4").isEqualTo(payable.plusDays(4).atStartOfDay());
        marketplace.postponeEarning(shares.merchantEarningId(), EarningChanges.MAX_POSTPONE_DAYS);

        for (int day : List.of(0, -1, EarningChanges.MAX_POSTPONE_DAYS + 1)) {
            refusedWith(1001, () -> marketplace.postponeProduct(shares.productId(), day, false));
            refusedWith(1001, () -> marketplace.postponeEarning(shares.subMerchantEarningId(), day));
        }
        RawHttp.Answer decimal = rawPut("/earning/postpone/id", "{\"Id\":" + shares.subMerchantEarningId() + ",\"Day\":1.5}");
        assertThat(decimal.status()).isEqualTo(400);
        assertThat(marketplace.earningsOfProduct(shares.productId()).subMerchantReflectionDate())
                .isEqualTo(payable.plusDays(7).atStartOfDay());
    }

    @Test
    void aRefusedPayoutLeavesItsEarningsFailedUntilARetryPutsThemBackInTheQueue() {
        SaleResult first = sale();
        SaleResult second = sale();
        SaleResult third = sale();
        long haircut = marketplace.earningsOfPayment(first.paymentId()).getFirst().productId();
        refusedWith(369, () -> marketplace.retryProduct(haircut, null, true));

        bank.failAccount(MarketplaceIT.MEMBER_IBAN);
        LocalDate due = moveTo(DayOfWeek.MONDAY, LocalTime.of(10, 0));
        BigDecimal received = bank.received(MarketplaceIT.MEMBER_IBAN, 1);
        automaticPayouts.run();
        automaticPayouts.run();
        for (SaleResult sale : List.of(first, second, third)) {
            Marketplace.ProductEarning shares = marketplace.earningsOfPayment(sale.paymentId()).getFirst();
            assertThat(shares.subMerchantEarningStatusId()).as("failed").isEqualTo(11);
            assertThat(shares.subMerchantPayoutTransactionId()).as("the refused transfer").isNotNull();
            assertThat(shares.merchantEarningStatusId()).as("the platform's account took its share").isEqualTo(4);
        }
        assertThat(jdbc.sql("select count(*) from payout where member_id = :member and status = 'FAILED'")
                .param("member", member).query(Long.class).single()).as("refused once, not tried again by itself").isEqualTo(1);
        bank.healAccount(MarketplaceIT.MEMBER_IBAN);
        automaticPayouts.run();
        assertThat(bank.received(MarketplaceIT.MEMBER_IBAN, 1)).as("no automatic retry").isEqualByComparingTo(received);

        refusedWith(361, () -> marketplace.retryProduct(haircut, due.plusDays(5), false));
        marketplace.retryProduct(haircut, null, false);
        assertThat(marketplace.earningsOfProduct(haircut).subMerchantEarningStatusId()).as("retry").isEqualTo(12);
        refusedWith(367, () -> marketplace.retryProduct(haircut, null, true));
        marketplace.retryPayment(second.paymentId(), due.plusDays(1));
        Marketplace.ProductEarning secondShares = marketplace.earningsOfPayment(second.paymentId()).getFirst();
        assertThat(secondShares.subMerchantReflectionDate()).isEqualTo(due.plusDays(1).atStartOfDay());
        long thirdShare = marketplace.earningsOfPayment(third.paymentId()).getFirst().subMerchantEarningId();
        refusedWith(35, () -> marketplace.increaseEarning(thirdShare, new BigDecimal("1.00")));
        marketplace.postponeEarning(thirdShare, 1);
        marketplace.reflectEarning(thirdShare, due);
        marketplace.retryEarning(thirdShare, null);

        automaticPayouts.run();
        assertThat(bank.received(MarketplaceIT.MEMBER_IBAN, 1).subtract(received)).as("the first and the third, due at once")
                .isEqualByComparingTo("180.00");
        assertThat(marketplace.earningsOfProduct(haircut).subMerchantEarningStatusId()).isEqualTo(4);
        assertThat(marketplace.earning(thirdShare).earningStatusId()).isEqualTo(4);
        assertThat(marketplace.earning(secondShares.subMerchantEarningId()).earningStatusId()).as("due tomorrow").isEqualTo(12);
        moveTo(DayOfWeek.TUESDAY, LocalTime.of(9, 0));
        automaticPayouts.run();
        assertThat(marketplace.earning(secondShares.subMerchantEarningId()).earningStatusId()).isEqualTo(4);

        refusedWith(368, () -> marketplace.retryProduct(haircut, null, true));
        refusedWith(368, () -> marketplace.retryPayment(second.paymentId(), null));
        refusedWith(368, () -> marketplace.retryEarning(thirdShare, null));
    }

    @Test
    void paidReversedAndAnotherMerchantsEarningsAreRefused() {
        SaleResult paid = sale();
        SaleResult cancelled = sale();
        long paidProduct = marketplace.earningsOfPayment(paid.paymentId()).getFirst().productId();
        long cancelledProduct = marketplace.earningsOfPayment(cancelled.paymentId()).getFirst().productId();
        assertThat(merchant.payments().syncCancel(cancelled.paymentRequestId(), false, Duration.ofSeconds(30)).paymentStatus())
                .isEqualTo(4);
        SaleResult open = sale();
        long openProduct = marketplace.earningsOfPayment(open.paymentId()).getFirst().productId();
        long openShare = marketplace.earningsOfProduct(openProduct).subMerchantEarningId();
        LocalDate due = moveTo(DayOfWeek.MONDAY, LocalTime.of(10, 0));
        automaticPayouts.run();
        long paidShare = marketplace.earningsOfProduct(paidProduct).subMerchantEarningId();

        refusedWith(35, () -> marketplace.increaseProduct(paidProduct, BigDecimal.ONE, false));
        refusedWith(35, () -> marketplace.decreaseEarning(paidShare, BigDecimal.ONE));
        refusedWith(35, () -> marketplace.postponeEarning(paidShare, 1));
        refusedWith(35, () -> marketplace.reflectProduct(paidProduct, due.plusDays(1), true));
        refusedWith(362, () -> marketplace.increaseProduct(cancelledProduct, BigDecimal.ONE, false));
        refusedWith(362, () -> marketplace.postponeProduct(cancelledProduct, 1, true));
        assertThat(marketplace.earningsOfProduct(cancelledProduct).subMerchantEarningStatusId()).as("reversed").isEqualTo(5);

        Marketplace strangers = stranger().marketplace();
        List<ThrowingCallable> foreign = List.of(
                () -> strangers.increaseProduct(openProduct, BigDecimal.ONE, false),
                () -> strangers.decreaseEarning(openShare, BigDecimal.ONE),
                () -> strangers.postponeProduct(openProduct, 1, true),
                () -> strangers.postponeEarning(openShare, 1),
                () -> strangers.reflectProduct(openProduct, due.plusDays(1), false),
                () -> strangers.reflectEarning(openShare, due.plusDays(1)),
                () -> strangers.retryProduct(openProduct, null, true),
                () -> strangers.retryPayment(open.paymentId(), null),
                () -> strangers.retryEarning(openShare, null));
        foreign.forEach(call -> refusedWith(34, call));
        refusedWith(34, () -> marketplace.increaseEarning(Long.MAX_VALUE, BigDecimal.ONE));
        refusedWith(34, () -> marketplace.retryPayment(Long.MAX_VALUE, null));
        assertShares(openProduct, "90.00", "10.00");
    }

    /** A payout order that the bank refused keeps its earnings on their way (ordered): no call changes them, nor any share beside them. */
    @Test
    void anEarningOnItsWayToTheBankIsRefusedAndTheRefusalChangesNothing() {
        KasaAdminClient.create(baseUri, KasaServerIT.ADMIN_TOKEN).setMarketplace(created.merchantId(),
                new Marketplace.Settings(true, true, MarketplaceIT.PLATFORM_IBAN, "Platform", true));
        SaleResult sale = sale();
        Marketplace.ProductEarning before = marketplace.earningsOfPayment(sale.paymentId()).getFirst();
        assertThat(before.merchantEarningStatusId()).as("pooled").isEqualTo(6);
        bank.failAccount(MarketplaceIT.PLATFORM_IBAN);
        try {
            UUID job = marketplace.start(Marketplace.PayoutOrder.of(1, monday, monday).withTestMode(true)).jobId();
            assertThat(Devices.eventually(Duration.ofSeconds(15), () -> jdbc.sql("select status from payout_job where id = :id")
                    .param("id", job).query(String.class).single().equals("FAILED"))).isTrue();
        } finally {
            bank.healAccount(MarketplaceIT.PLATFORM_IBAN);
        }
        assertThat(marketplace.earningsOfProduct(before.productId()).merchantEarningStatusId()).as("ordered").isEqualTo(3);

        refusedWith(366, () -> marketplace.increaseProduct(before.productId(), BigDecimal.ONE, false));
        refusedWith(366, () -> marketplace.decreaseProduct(before.productId(), BigDecimal.ONE, true));
        refusedWith(366, () -> marketplace.increaseEarning(before.merchantEarningId(), BigDecimal.ONE));
        refusedWith(366, () -> marketplace.postponeProduct(before.productId(), 1, true));
        refusedWith(366, () -> marketplace.reflectEarning(before.merchantEarningId(), monday.plusDays(1)));
        refusedWith(369, () -> marketplace.retryEarning(before.merchantEarningId(), null));
        assertThat(marketplace.earningsOfProduct(before.productId())).as("nothing half-written").satisfies(after -> {
            assertThat(after.subMerchantReflectionDate()).isEqualTo(before.subMerchantReflectionDate());
            assertThat(after.subMerchantEarning()).isEqualByComparingTo(before.subMerchantEarning());
        });
        marketplace.postponeProduct(before.productId(), 1, false);
        assertThat(marketplace.earningsOfProduct(before.productId()).subMerchantReflectionDate())
                .as("the member's own share is not on its way").isEqualTo(before.subMerchantReflectionDate().plusDays(1));

        RawHttp.Answer noDate = rawPut("/earning/put/retry/payment", "{\"PaymentId\":" + sale.paymentId() + ",\"ChangeReflectionDate\":true}");
        assertThat(noDate.status()).isEqualTo(400);
        assertThat(noDate.json().get("Message").stringValue()).contains("ReflectionDate");
        assertThat(rawPut("/earning/put/retry/payment", "{\"PaymentId\":" + sale.paymentId() + ",\"ChangeReflectionDate\":\"maybe\"}")
                .status()).isEqualTo(400);
    }

    /** Many increases and decreases of one product at once: each waits for the others' locks, none deadlocks, nothing is lost. */
    @Test
    void concurrentChangesOfOneProductNeitherDeadlockNorLoseMoney() throws Exception {
        SaleResult sale = sale();
        long haircut = marketplace.earningsOfPayment(sale.paymentId()).getFirst().productId();
        long memberShare = marketplace.earningsOfProduct(haircut).subMerchantEarningId();
        long platformShare = marketplace.earningsOfProduct(haircut).merchantEarningId();
        List<Future<?>> changes = new ArrayList<>();
        try (var callers = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 8; i++) {
                changes.add(callers.submit(() -> marketplace.increaseProduct(haircut, new BigDecimal("1.00"), true)));
                changes.add(callers.submit(() -> marketplace.decreaseEarning(memberShare, new BigDecimal("1.00"))));
                changes.add(callers.submit(() -> marketplace.increaseEarning(platformShare, new BigDecimal("0.50"))));
                changes.add(callers.submit(() -> marketplace.postponeProduct(haircut, 1, true)));
            }
            for (Future<?> change : changes) {
                change.get();
            }
        }
        assertShares(haircut, "86.00", "14.00");
    }

    /**
     * A cancel meeting an earnings operation of its sale, in the order that tests the lock
     * order hardest: the operation holds the sale's marketplace lock and then writes a new
     * earning (a decrease that gives the platform a share), while the cancel's status change,
     * holding the payment row, waits for that lock. The operation takes no payment lock after
     * its own (its statements name no payment table, and no foreign key of the marketplace's
     * tables locks a payment row), so it finishes, and the cancel then takes back both shares.
     * The test holds the sale's earnings in a transaction of its own, so that the operation
     * stops once it holds the marketplace lock, lets the cancel queue behind it, then lets both
     * go.
     */
    @Test
    void aDecreaseThatWritesThePlatformsShareAndTheSalesCancelRunOneAfterTheOther() throws Exception {
        long whole = MarketplaceIT.member(baseUri, created.publicKey(), "0");
        SaleResult sale = merchant.payments().syncSaleJson(MarketplaceIT.sale(terminalId, whole, 4_000, 0));
        long product = marketplace.earningsOfPayment(sale.paymentId()).getFirst().productId();
        UUID saleId = jdbc.sql("select payment_id from marketplace_product where paywall_product_id = :product")
                .param("product", product).query(UUID.class).single();
        try (Connection held = dataSource.getConnection();
             var callers = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            held.setAutoCommit(false);
            try (PreparedStatement lock = held.prepareStatement("select id from earning where payment_id = ? for update")) {
                lock.setObject(1, saleId);
                lock.executeQuery().close();
            }
            Future<?> decrease = callers.submit(() -> {
                marketplace.decreaseProduct(product, new BigDecimal("4.00"), false);
                return null;
            });
            int decreasing = waitingFor(backend(held), "the decrease, holding the sale's marketplace lock");
            Future<Integer> cancel = callers.submit(() ->
                    merchant.payments().syncCancel(sale.paymentRequestId(), false, Duration.ofSeconds(60)).paymentStatus());
            waitingFor(decreasing, "the cancel's status change, holding the payment row");
            held.rollback();
            decrease.get(90, TimeUnit.SECONDS);
            assertThat(cancel.get(90, TimeUnit.SECONDS)).as("the cancel").isEqualTo(4);
        }
        assertThat(jdbc.sql("select status from earning where payment_id = :sale order by member_id nulls last")
                .param("sale", saleId).query(String.class).list())
                .as("the member's share and the platform's the decrease wrote, both taken back by the cancel")
                .containsExactly("REVERSED", "REVERSED");
        assertShares(product, "36.00", "4.00");
    }

    /** The backend of a connection of the test's own. */
    private static int backend(Connection connection) throws SQLException {
        try (ResultSet row = connection.createStatement().executeQuery("select pg_backend_pid()")) {
            row.next();
            return row.getInt(1);
        }
    }

    /** Waits until a backend waits for a lock {@code holder} holds, and returns it. */
    private int waitingFor(int holder, String who) {
        return await().atMost(Duration.ofSeconds(60)).alias(who + " waits for backend " + holder)
                .until(() -> jdbc.sql("select pid from pg_stat_activity where :holder = any(pg_blocking_pids(pid))")
                        .param("holder", holder).query(Integer.class).optional(), java.util.Optional::isPresent)
                .orElseThrow();
    }

    /** The marketplace page lists the earnings with their reflection dates and retries a refused payout as the API does. */
    @Test
    void theDashboardListsEarningsWithTheirReflectionDatesAndRetriesARefusedPayout() {
        SaleResult sale = sale();
        long memberShare = marketplace.earningsOfPayment(sale.paymentId()).getFirst().subMerchantEarningId();
        RawHttp.Answer signIn = new RawHttp(baseUri).post("/dashboard/api/session").json("{\"ApiClientPrivate\":\""
                + created.privateKey().client() + "\",\"ApiKeyPrivate\":\"" + created.privateKey().secret() + "\"}").send();
        String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        String csrf = signIn.result().get("CsrfToken").stringValue();

        JsonNode items = dashboard("GET", "/dashboard/api/marketplace/earnings", cookie, csrf).result().get("Items");
        assertThat(items).hasSize(3);
        JsonNode member = items.valueStream().filter(item -> item.get("Id").longValue() == memberShare).findFirst().orElseThrow();
        assertThat(member.get("ReflectionDate").stringValue()).isEqualTo(monday.plusDays(7).toString());
        assertThat(member.get("ProductName").stringValue()).isEqualTo("Saç Tıraşı");
        assertThat(member.get("EarningStatus").stringValue()).isEqualTo("Scheduled");
        assertThat(dashboard("POST", "/dashboard/api/marketplace/earnings/" + memberShare + "/retry", cookie, csrf)
                .json().get("ErrorCode").intValue()).isEqualTo(369);

        bank.failAccount(MarketplaceIT.MEMBER_IBAN);
        moveTo(DayOfWeek.MONDAY, LocalTime.of(10, 0));
        automaticPayouts.run();
        bank.healAccount(MarketplaceIT.MEMBER_IBAN);
        JsonNode failed = dashboard("GET", "/dashboard/api/marketplace/earnings?statusId=11", cookie, csrf).result().get("Items");
        assertThat(failed).singleElement().satisfies(item -> {
            assertThat(item.get("Id").longValue()).isEqualTo(memberShare);
            assertThat(item.get("PayoutTransactionId").isString()).isTrue();
        });
        assertThat(dashboard("POST", "/dashboard/api/marketplace/earnings/" + memberShare + "/retry", cookie, null).status())
                .as("without the CSRF token").isEqualTo(403);
        RawHttp.Answer retried = dashboard("POST", "/dashboard/api/marketplace/earnings/" + memberShare + "/retry", cookie, csrf);
        assertThat(retried.result().get("EarningStatusId").intValue()).isEqualTo(12);
        assertThat(dashboard("GET", "/dashboard/api/marketplace/earnings?statusId=99", cookie, csrf).status()).isEqualTo(400);
        automaticPayouts.run();
        assertThat(marketplace.earning(memberShare).earningStatusId()).isEqualTo(4);
        assertThat(dashboard("POST", "/dashboard/api/marketplace/earnings/" + Long.MAX_VALUE + "/retry", cookie, csrf).status())
                .isEqualTo(404);
    }

    // --- fixtures ---

    private RawHttp.Answer dashboard(String method, String path, String cookie, String csrf) {
        RawHttp.Request request = new RawHttp(baseUri).request(method, path).header("Cookie", cookie);
        return (csrf == null ? request : request.header("X-CSRF-Token", csrf)).send();
    }

    /** Seed 002 with the member's 100.00 (10 % commission) and the platform's own 50.00. */
    private SaleResult sale() {
        SaleResult sale = merchant.payments().syncSaleJson(MarketplaceIT.twoProducts(terminalId, member));
        assertThat(sale.paymentStatus()).isEqualTo(4);
        return sale;
    }

    private KasaClient stranger() {
        KasaAdminClient admin = KasaAdminClient.create(baseUri, KasaServerIT.ADMIN_TOKEN);
        CreatedMerchant other = admin.createMerchant("stranger");
        admin.setMarketplace(other.merchantId(), new Marketplace.Settings(true, false, MarketplaceIT.PLATFORM_IBAN, "Platform", true));
        return KasaClient.builder().baseUri(baseUri).privateKeys(other.privateKey()).publicKeys(other.publicKey())
                .locale("en").build();
    }

    /**
     * Moves the server's clock forward to the next {@code day} at {@code at} in the business
     * time zone (today, if that is still ahead) and returns that day.
     */
    private LocalDate moveTo(DayOfWeek day, LocalTime at) {
        ZonedDateTime now = clock.instant().atZone(ZONE);
        ZonedDateTime target = now.with(TemporalAdjusters.nextOrSame(day)).with(at);
        if (!target.isAfter(now)) {
            target = now.with(TemporalAdjusters.next(day)).with(at);
        }
        clock.advance(Duration.between(now.toInstant(), target.toInstant()));
        return target.toLocalDate();
    }

    private void assertShares(long productId, String member, String platform) {
        Marketplace.ProductEarning shares = marketplace.earningsOfProduct(productId);
        assertThat(shares.subMerchantEarning()).as("member's share").isEqualByComparingTo(member);
        assertThat(shares.merchantEarning()).as("platform's share").isEqualByComparingTo(platform);
    }

    private JsonNode report(String path, String header, long id) {
        RawHttp.Answer answer = rawGet(path, header, Long.toString(id));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json().get("Body");
    }

    private RawHttp.Answer rawGet(String path, String header, String value) {
        return new RawHttp(baseUri).get("/api/paywall/marketplace" + path).publicKeys(created.publicKey())
                .header(header, value).send();
    }

    private RawHttp.Answer rawPut(String path, String json) {
        return new RawHttp(baseUri).request("PUT", "/api/paywall/marketplace" + path).publicKeys(created.publicKey())
                .json(json).send();
    }

    private static void refusedWith(int errorCode, ThrowingCallable call) {
        KasaException failure = catchThrowableOfType(KasaException.class, call);
        assertThat(failure).as("refused with " + errorCode).isNotNull();
        assertThat(failure.errorCode()).as(failure.getMessage()).isEqualTo(errorCode);
        assertThat(failure.httpStatus()).isBetween(400, 499);
    }
}
