package io.kasa.server.marketplace;

import io.kasa.client.KasaException;
import io.kasa.client.Marketplace;
import io.kasa.client.SaleResult;
import io.kasa.server.KasaServerIT;
import io.kasa.server.RawHttp;
import io.kasa.terminal.Behaviour;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Paywall's approval and rejection (issue item 3): a marketplace sale's earnings wait for the
 * merchant's approval, with Kasa's calculator or the platform's own figures, and only approved
 * earnings go on their way to a bank account. Raw requests check the wire; the SDK is used
 * where the wire is already checked. The money rules are checked after every test.
 */
class ApprovalIT extends KasaServerIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ALREADY_APPROVED = "This product already approved";
    private static final String NOT_CALCULATED = "This product marketplace earning calculated not found";

    @AfterEach
    void moneyBalances() {
        assertThat(MoneyInvariants.broken(jdbc)).isEmpty();
    }

    @Test
    void aSalesEarningsWaitForApprovalAndApprovingThePaymentSchedulesThemFromTheApprovalDate() {
        Shop shop = marketplaceShop("waits", true, false);
        long member = member(shop, "12.5");
        SaleResult sale = sell(shop, MarketplaceIT.twoProducts(shop.terminalId(), member));

        JsonNode waiting = earnings(shop, sale.paymentId());
        assertThat(waiting).hasSize(2).allSatisfy(product -> {
            assertThat(product.get("MerchantEarningStatusId").intValue()).as("calculated").isEqualTo(1);
            assertThat(product.get("MerchantReflectionDate").isNull()).as("no reflection date before approval").isTrue();
        });
        assertThat(waiting.get(0).get("SubMerchantEarning").decimalValue()).isEqualByComparingTo("87.50");
        assertThat(waiting.get(0).get("SubMerchantEarningStatusId").intValue()).isEqualTo(1);
        assertThat(shop.client().marketplace().pending(1, today().minusDays(3), today()).count())
                .as("nothing is pooled before approval").isZero();
        JsonNode report = approvalReport(shop, sale.paymentId());
        assertThat(report.get("Approved")).isEmpty();
        assertThat(report.get("NotApproved")).extracting(p -> p.get("ProductId").longValue())
                .containsExactly(productIds(waiting).toArray(Long[]::new));

        RawHttp.Answer approved = post(shop, "approve/pw/payment", """
                {"PaymentId":%d,"Payout":{"DescriptionApply":true,"Description":"Kasım hakedişi"},
                 "SameReflectionDateWithMember":false}""".formatted(sale.paymentId()));

        assertThat(approved.status()).as(approved.text()).isEqualTo(200);
        assertThat(approved.json().get("ErrorCode").intValue()).isZero();
        assertThat(approved.json().get("Result").booleanValue()).isTrue();
        assertThat(approved.json().get("Body").get("Success")).extracting(p -> p.get("ProductId").longValue())
                .containsExactly(productIds(waiting).toArray(Long[]::new));
        assertThat(approved.json().get("Body").get("Fail")).isEmpty();
        JsonNode after = earnings(shop, sale.paymentId());
        LocalDate memberDate = weekday(today().plusDays(7));
        assertThat(day(after.get(0).get("SubMerchantReflectionDate"))).isEqualTo(memberDate);
        assertThat(after.get(0).get("SubMerchantEarningStatusId").intValue()).as("scheduled").isEqualTo(2);
        assertThat(day(after.get(0).get("MerchantReflectionDate"))).as("the member product's platform share")
                .isEqualTo(memberDate);
        assertThat(after.get(0).get("MerchantEarningStatusId").intValue()).as("pooled").isEqualTo(6);
        assertThat(day(after.get(1).get("MerchantReflectionDate"))).as("the platform's own product")
                .isEqualTo(weekday(today().plusDays(1)));
        assertThat(jdbc.sql("select distinct payout_description from earning e join payment p on p.id = e.payment_id where p.paywall_id = :id")
                .param("id", sale.paymentId()).query(String.class).list()).containsExactly("Kasım hakedişi");
        assertThat(shop.client().marketplace().pending(1, today().minusDays(3), today()).count()).isEqualTo(2);
        JsonNode reported = approvalReport(shop, sale.paymentId());
        assertThat(reported.get("Approved")).hasSize(2);
        assertThat(reported.get("NotApproved")).isEmpty();

        RawHttp.Answer again = post(shop, "approve/pw/payment", "{\"PaymentId\":" + sale.paymentId() + "}");

        assertThat(again.status()).as(again.text()).isEqualTo(422);
        assertThat(again.json().get("ErrorCode").intValue()).isEqualTo(1);
        assertThat(again.json().get("Result").booleanValue()).isFalse();
        assertThat(again.json().get("Message").stringValue()).isNotBlank();
        assertThat(again.json().get("Body").get("Success")).isEmpty();
        assertThat(again.json().get("Body").get("Fail")).hasSize(2)
                .allSatisfy(fail -> assertThat(fail.get("Reason").stringValue()).isEqualTo(ALREADY_APPROVED));
    }

    @Test
    void productsAreApprovedOrRejectedOneByOneAndRejectedEarningsAreNeverPaid() {
        Shop shop = marketplaceShop("one by one", false, false);
        long member = member(shop, "10");
        SaleResult sale = sell(shop, MarketplaceIT.twoProducts(shop.terminalId(), member));
        List<Long> products = productIds(earnings(shop, sale.paymentId()));

        RawHttp.Answer first = post(shop, "approve/pw/product", """
                {"PaymentId":%d,"ProductIds":[%d]}""".formatted(sale.paymentId(), products.get(0)));
        assertThat(first.status()).as(first.text()).isEqualTo(200);
        RawHttp.Answer rejected = post(shop, "reject/product", "{\"ProductIds\":[" + products.get(1) + "]}");
        assertThat(rejected.status()).as(rejected.text()).isEqualTo(200);
        assertThat(rejected.json().get("Body").get("Success")).extracting(p -> p.get("ProductId").longValue())
                .containsExactly(products.get(1));

        JsonNode after = earnings(shop, sale.paymentId());
        assertThat(after.get(0).get("MerchantEarningStatusId").intValue()).as("scheduled: manual trigger off").isEqualTo(2);
        assertThat(after.get(1).get("MerchantEarningStatusId").intValue()).as("rejected").isEqualTo(7);
        assertThat(after.get(1).get("MerchantReflectionDate").isNull()).isTrue();
        JsonNode report = approvalReport(shop, sale.paymentId());
        assertThat(report.get("Approved")).extracting(p -> p.get("ProductId").longValue()).containsExactly(products.get(0));
        assertThat(report.get("NotApproved")).extracting(p -> p.get("ProductId").longValue()).containsExactly(products.get(1));

        RawHttp.Answer mixed = post(shop, "reject/product", "{\"ProductIds\":[" + products.get(0) + "," + products.get(1) + "]}");
        assertThat(mixed.status()).as(mixed.text()).isEqualTo(422);
        assertThat(mixed.json().get("ErrorCode").intValue()).isEqualTo(1);
        assertThat(mixed.json().get("Body").get("Fail")).extracting(f -> f.get("Reason").stringValue())
                .containsExactly(ALREADY_APPROVED, NOT_CALCULATED);
        RawHttp.Answer approveRejected = post(shop, "approve/pw/product", """
                {"PaymentId":%d,"ProductIds":[%d]}""".formatted(sale.paymentId(), products.get(1)));
        assertThat(approveRejected.json().get("Body").get("Fail").get(0).get("Reason").stringValue()).isEqualTo(NOT_CALCULATED);

        SaleResult second = sell(shop, MarketplaceIT.twoProducts(shop.terminalId(), member));
        RawHttp.Answer rejectAll = post(shop, "reject/payment", "{\"PaymentId\":" + second.paymentId() + "}");
        assertThat(rejectAll.status()).as(rejectAll.text()).isEqualTo(200);
        assertThat(rejectAll.json().get("Body").get("Success")).hasSize(2);
        assertThat(earnings(shop, second.paymentId())).allSatisfy(product ->
                assertThat(product.get("MerchantEarningStatusId").intValue()).isEqualTo(7));
        assertThat(earnings(shop, second.paymentId()).get(0).get("SubMerchantEarningStatusId").intValue()).isEqualTo(7);
    }

    @Test
    void thePlatformsOwnFiguresAreKeptAndApprovedOnlyWithSelf() {
        Shop shop = marketplaceShop("self", true, false);
        long member = member(shop, "10");
        SaleResult sale = sell(shop, withMemberEarning(MarketplaceIT.twoProducts(shop.terminalId(), member), "80.00"));

        JsonNode waiting = earnings(shop, sale.paymentId());
        assertThat(waiting.get(0).get("SubMerchantEarning").decimalValue()).isEqualByComparingTo("80.00");
        assertThat(waiting.get(0).get("MerchantEarning").decimalValue()).isEqualByComparingTo("20.00");
        List<Long> products = productIds(waiting);

        RawHttp.Answer withKasa = post(shop, "approve/pw/product", """
                {"PaymentId":%d,"ProductIds":[%d]}""".formatted(sale.paymentId(), products.get(0)));
        assertThat(withKasa.status()).as(withKasa.text()).isEqualTo(422);
        assertThat(withKasa.json().get("Body").get("Fail").get(0).get("Reason").stringValue()).contains("approve/self");

        RawHttp.Answer mixed = post(shop, "approve/self/payment", "{\"PaymentId\":" + sale.paymentId() + "}");
        assertThat(mixed.status()).as(mixed.text()).isEqualTo(200);
        assertThat(mixed.json().get("Body").get("Success")).extracting(p -> p.get("ProductId").longValue())
                .containsExactly(products.get(0));
        assertThat(mixed.json().get("Body").get("Fail")).singleElement().satisfies(fail -> {
            assertThat(fail.get("ProductId").longValue()).isEqualTo(products.get(1));
            assertThat(fail.get("Reason").stringValue()).contains("approve/pw");
        });
        RawHttp.Answer rest = post(shop, "approve/pw/product", """
                {"PaymentId":%d,"ProductIds":[%d]}""".formatted(sale.paymentId(), products.get(1)));
        assertThat(rest.status()).as(rest.text()).isEqualTo(200);
        assertThat(earnings(shop, sale.paymentId())).allSatisfy(product ->
                assertThat(product.get("MerchantEarningStatusId").intValue()).isEqualTo(6));

        SaleResult whole = sell(shop, withMemberEarning(MarketplaceIT.twoProducts(shop.terminalId(), member), "100.00"));
        JsonNode all = earnings(shop, whole.paymentId());
        assertThat(all.get(0).get("SubMerchantEarning").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(all.get(0).get("MerchantEarningId").isNull()).as("a zero share is no earning").isTrue();
        SaleResult none = sell(shop, withMemberEarning(MarketplaceIT.twoProducts(shop.terminalId(), member), "0"));
        assertThat(earnings(shop, none.paymentId()).get(0).get("SubMerchantEarningId").isNull()).isTrue();
        assertThat(post(shop, "approve/self/product", """
                {"PaymentId":%d,"ProductIds":[%d]}""".formatted(none.paymentId(),
                productIds(earnings(shop, none.paymentId())).get(0))).status()).isEqualTo(200);
    }

    @Test
    void thePlatformsFiguresAreCheckedOnTheSale() {
        Shop shop = marketplaceShop("self rules", true, false);
        long member = member(shop, "10");
        String sale = MarketplaceIT.twoProducts(shop.terminalId(), member);

        assertSaleRefused(shop, withMemberEarning(sale, "100.01"), 57, "Products[0].MemberEarning");
        assertSaleRefused(shop, withMemberEarning(sale, "-0.01"), 1001, "Products[0].MemberEarning");
        assertSaleRefused(shop, withMemberEarning(sale, "1.001"), 1001, "Products[0].MemberEarning");
        assertSaleRefused(shop, withMemberEarning(sale, "\"eighty\""), 1001, "MemberEarning");
        assertSaleRefused(shop, withMemberEarning(sale, "null"), 1001, "Products[0].MemberEarning");
        assertSaleRefused(shop, product(sale, 0, p -> p.put("MemberEarning", 10)), 1001, "Products[0].MemberEarningCalculated");
        assertSaleRefused(shop, product(sale, 1, p -> p.put("MemberEarningCalculated", true).put("MemberEarning", 10)),
                1001, "Products[1].MemberId");
        assertThat(shop.client().payments().list(io.kasa.client.PaymentQuery.page(0, 10)).items())
                .as("no refused sale was recorded").isEmpty();
        assertThat(sell(shop, product(sale, 0, p -> p.put("MemberEarningCalculated", false))).paymentStatus()).isEqualTo(4);
    }

    @Test
    void sameReflectionDateWithMemberPutsThePlatformsOwnShareOnTheOneMembersDate() {
        Shop shop = marketplaceShop("same date", true, false);
        long member = member(shop, "10");
        SaleResult sale = sell(shop, MarketplaceIT.twoProducts(shop.terminalId(), member));
        List<Long> products = productIds(earnings(shop, sale.paymentId()));

        RawHttp.Answer answer = post(shop, "approve/pw/product", """
                {"PaymentId":%d,"ProductIds":[%d,%d],"SameReflectionDateWithMember":true,
                 "Payout":{"DescriptionApply":false,"Description":"not applied"}}"""
                .formatted(sale.paymentId(), products.get(1), products.get(0)));

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.json().get("Body").get("Success")).extracting(p -> p.get("ProductId").longValue())
                .containsExactly(products.get(1), products.get(0));
        JsonNode after = earnings(shop, sale.paymentId());
        assertThat(day(after.get(1).get("MerchantReflectionDate"))).isEqualTo(weekday(today().plusDays(7)));
        assertThat(jdbc.sql("select count(*) from earning e join payment p on p.id = e.payment_id where p.paywall_id = :id and payout_description is not null")
                .param("id", sale.paymentId()).query(Long.class).single()).as("DescriptionApply false").isZero();

        long another = member(shop, "20");
        String twoMembers = product(MarketplaceIT.twoProducts(shop.terminalId(), member), 1, p -> p.put("MemberId", another));
        SaleResult shared = sell(shop, twoMembers);
        assertThat(post(shop, "approve/pw/payment", "{\"PaymentId\":" + shared.paymentId()
                + ",\"SameReflectionDateWithMember\":true}").status()).isEqualTo(200);
        JsonNode both = earnings(shop, shared.paymentId());
        assertThat(day(both.get(1).get("MerchantReflectionDate"))).as("each member's own date")
                .isEqualTo(weekday(today().plusDays(7)));

        SaleResult ownOnly = sell(shop, MarketplaceIT.sale(shop.terminalId(), null, 1_000, 2_000));
        assertThat(post(shop, "approve/pw/payment", "{\"PaymentId\":" + ownOnly.paymentId()
                + ",\"SameReflectionDateWithMember\":true}").status()).as("no member: ignored").isEqualTo(200);
        assertThat(earnings(shop, ownOnly.paymentId())).allSatisfy(product ->
                assertThat(day(product.get("MerchantReflectionDate"))).isEqualTo(weekday(today().plusDays(1))));
    }

    @Test
    void automaticApprovalIsOffByDefaultAndWhenOnApprovesAtOnce() {
        Shop shop = marketplaceShop("automatic", true, true);
        assertThat(shop.client().marketplace().settings().automaticApproval()).isTrue();
        long member = member(shop, "10");
        SaleResult sale = sell(shop, MarketplaceIT.twoProducts(shop.terminalId(), member));

        JsonNode earnings = earnings(shop, sale.paymentId());
        assertThat(earnings.get(0).get("SubMerchantEarningStatusId").intValue()).isEqualTo(2);
        assertThat(day(earnings.get(0).get("SubMerchantReflectionDate"))).isEqualTo(weekday(today().plusDays(7)));
        assertThat(earnings).allSatisfy(product -> assertThat(product.get("MerchantEarningStatusId").intValue()).isEqualTo(6));
        assertThat(approvalReport(shop, sale.paymentId()).get("Approved")).hasSize(2);

        RawHttp.Answer settings = new RawHttp(baseUri).get("/api/paywall/marketplace/settings")
                .publicKeys(newMerchant("defaults").created().publicKey()).send();
        assertThat(settings.json().get("Body").get("AutomaticApproval").booleanValue()).isFalse();
        RawHttp.Answer kept = new RawHttp(baseUri).request("PUT", "/api/paywall/marketplace/settings")
                .publicKeys(shop.merchant().created().publicKey())
                .json("{\"MarketplaceEnabled\":true,\"ManualTrigger\":true,\"PlatformIban\":\"" + MarketplaceIT.PLATFORM_IBAN + "\"}")
                .send();
        assertThat(kept.json().get("Body").get("AutomaticApproval").booleanValue()).as("absent keeps it").isTrue();
        RawHttp.Answer wrong = new RawHttp(baseUri).request("PUT", "/api/paywall/marketplace/settings")
                .publicKeys(shop.merchant().created().publicKey())
                .json("{\"MarketplaceEnabled\":true,\"ManualTrigger\":true,\"AutomaticApproval\":\"sometimes\"}").send();
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().get("Message").stringValue()).contains("AutomaticApproval");
        shop.client().marketplace().updateSettings(new Marketplace.Settings(true, true, MarketplaceIT.PLATFORM_IBAN, "P", false));
        SaleResult waits = sell(shop, MarketplaceIT.twoProducts(shop.terminalId(), member));
        assertThat(earnings(shop, waits.paymentId())).allSatisfy(product ->
                assertThat(product.get("MerchantEarningStatusId").intValue()).isEqualTo(1));
    }

    /**
     * An earning waiting for approval has no reflection date to move: postponing it or
     * setting one is refused with 362 and writes nothing, while its amount may change, the
     * platform's share taking the other side and waiting for approval with it.
     */
    @Test
    void anEarningWaitingForApprovalKeepsNoDateButItsAmountMayChange() {
        Shop shop = marketplaceShop("undated", false, false);
        long member = member(shop, "10");
        SaleResult sale = sell(shop, MarketplaceIT.twoProducts(shop.terminalId(), member));
        long haircut = productIds(earnings(shop, sale.paymentId())).getFirst();
        Marketplace marketplace = shop.client().marketplace();

        KasaException postponed = catchThrowableOfType(KasaException.class, () -> marketplace.postponeProduct(haircut, 2, true));
        assertThat(postponed.errorCode()).isEqualTo(362);
        KasaException dated = catchThrowableOfType(KasaException.class,
                () -> marketplace.reflectProduct(haircut, weekday(today().plusDays(3)), false));
        assertThat(dated.errorCode()).isEqualTo(362);
        marketplace.increaseProduct(haircut, new java.math.BigDecimal("4.00"), false);

        JsonNode after = earnings(shop, sale.paymentId()).get(0);
        assertThat(after.get("SubMerchantEarning").decimalValue()).isEqualByComparingTo("94.00");
        assertThat(after.get("MerchantEarning").decimalValue()).isEqualByComparingTo("6.00");
        assertThat(after.get("SubMerchantReflectionDate").isNull()).isTrue();
        assertThat(after.get("MerchantReflectionDate").isNull()).isTrue();
        assertThat(after.get("SubMerchantEarningStatusId").intValue()).as("still waiting").isEqualTo(1);
    }

    @Test
    void aCancelReversesEarningsThatWaitForApproval() {
        Shop shop = marketplaceShop("cancel", true, false);
        long member = member(shop, "10");
        SaleResult sale = sell(shop, MarketplaceIT.twoProducts(shop.terminalId(), member));

        assertThat(shop.client().payments().syncCancel(sale.paymentRequestId(), false, Duration.ofSeconds(30)).paymentStatus())
                .isEqualTo(4);

        assertThat(earnings(shop, sale.paymentId())).allSatisfy(product ->
                assertThat(product.get("MerchantEarningStatusId").intValue()).as("reversed").isEqualTo(5));
        RawHttp.Answer late = post(shop, "approve/pw/payment", "{\"PaymentId\":" + sale.paymentId() + "}");
        assertThat(late.status()).isEqualTo(422);
        assertThat(late.json().get("Body").get("Fail")).allSatisfy(fail ->
                assertThat(fail.get("Reason").stringValue()).isEqualTo(NOT_CALCULATED));
    }

    @Test
    void everyBadInputIsAnsweredWithTheEnvelopeAndNothingIsWritten() {
        Shop shop = marketplaceShop("inputs", true, false);
        long member = member(shop, "10");
        SaleResult sale = sell(shop, MarketplaceIT.twoProducts(shop.terminalId(), member));
        SaleResult other = sell(shop, MarketplaceIT.twoProducts(shop.terminalId(), member));
        List<Long> products = productIds(earnings(shop, sale.paymentId()));
        long foreignProduct = productIds(earnings(shop, other.paymentId())).get(0);
        long id = sale.paymentId();

        refused(shop, "approve/pw/product", "{\"ProductIds\":[" + products.get(0) + "]}", 400, 1001, "PaymentId");
        refused(shop, "approve/pw/payment", "{}", 400, 1001, "PaymentId");
        refused(shop, "approve/pw/payment", "{\"PaymentId\":0}", 400, 1001, "PaymentId");
        refused(shop, "approve/pw/payment", "{\"PaymentId\":-4}", 400, 1001, "PaymentId");
        refused(shop, "approve/pw/payment", "{\"PaymentId\":\"abc\"}", 400, 1001, "PaymentId");
        refused(shop, "approve/pw/payment", "{\"PaymentId\":1.5}", 400, 1001, "PaymentId");
        refused(shop, "approve/pw/payment", "{\"PaymentId\":99999999999999999999}", 400, 1001, "PaymentId");
        refused(shop, "approve/pw/payment", "[1]", 400, 1001, null);
        refused(shop, "approve/pw/payment", "{\"PaymentId\":9223372036854775807}", 404, 32, null);
        refused(shop, "approve/pw/product", "{\"PaymentId\":" + id + "}", 400, 30, "ProductIds");
        refused(shop, "approve/pw/product", "{\"PaymentId\":" + id + ",\"ProductIds\":[]}", 400, 30, "ProductIds");
        refused(shop, "approve/pw/product", "{\"PaymentId\":" + id + ",\"ProductIds\":[0]}", 400, 1001, "ProductIds[0]");
        refused(shop, "approve/pw/product", "{\"PaymentId\":" + id + ",\"ProductIds\":[null]}", 400, 1001, "ProductIds[0]");
        refused(shop, "approve/pw/product", "{\"PaymentId\":" + id + ",\"ProductIds\":" + products.get(0) + "}", 400, 1001, "ProductIds");
        refused(shop, "approve/pw/product", "{\"PaymentId\":" + id + ",\"ProductIds\":[" + products.get(0) + ","
                + products.get(0) + "]}", 400, 1001, "ProductIds[1]");
        refused(shop, "approve/pw/product", "{\"PaymentId\":" + id + ",\"ProductIds\":[" + products.get(0) + ","
                + foreignProduct + "]}", 422, 58, null);
        refused(shop, "reject/product", "{\"ProductIds\":[" + products.get(0) + ",9223372036854775807]}", 422, 58, null);
        refused(shop, "approve/pw/payment", "{\"PaymentId\":" + id + ",\"Payout\":{\"DescriptionApply\":true}}",
                400, 1001, "Payout.Description");
        refused(shop, "approve/pw/payment", "{\"PaymentId\":" + id + ",\"Payout\":{\"DescriptionApply\":true,\"Description\":\"\"}}",
                400, 1001, "Payout.Description");
        refused(shop, "approve/pw/payment", "{\"PaymentId\":" + id + ",\"Payout\":{\"DescriptionApply\":true,\"Description\":\""
                + "x".repeat(141) + "\"}}", 400, 1001, "Payout.Description");
        refused(shop, "approve/pw/payment", "{\"PaymentId\":" + id + ",\"Payout\":\"yes\"}", 400, 1001, "Payout");
        refused(shop, "approve/pw/payment", "{\"PaymentId\":" + id + ",\"SameReflectionDateWithMember\":\"maybe\"}",
                400, 1001, "SameReflectionDateWithMember");
        refused(shop, "reject/product", "{}", 400, 30, "ProductIds");
        refused(shop, "reject/payment", "{}", 400, 1001, "PaymentId");
        refused(shop, "approve/pw/product", "{\"PaymentId\":" + id + ",\"ProductIds\":["
                + "1,".repeat(100) + "1]}", 400, 1001, "ProductIds");
        String hundred = java.util.stream.LongStream.rangeClosed(1, 100).mapToObj(n -> Long.toString(Long.MAX_VALUE - n))
                .collect(java.util.stream.Collectors.joining(","));
        refused(shop, "reject/product", "{\"ProductIds\":[" + hundred + "]}", 422, 58, "ProductIds[0]");
        refused(shop, "reject/product", "{\"ProductIds\":[" + hundred + ",1]}", 400, 1001, "ProductIds");
        assertThat(earnings(shop, sale.paymentId())).as("nothing was written").allSatisfy(product ->
                assertThat(product.get("MerchantEarningStatusId").intValue()).isEqualTo(1));

        Shop stranger = marketplaceShop("stranger", true, false);
        refused(stranger, "approve/pw/payment", "{\"PaymentId\":" + id + "}", 404, 32, null);
        refused(stranger, "reject/payment", "{\"PaymentId\":" + id + "}", 404, 32, null);
        refused(stranger, "reject/product", "{\"ProductIds\":[" + products.get(0) + "]}", 422, 58, null);
        RawHttp.Answer strangerReport = new RawHttp(baseUri).get("/api/paywall/marketplace/report/approval")
                .publicKeys(stranger.merchant().created().publicKey()).header("paymentid", Long.toString(id)).send();
        assertThat(strangerReport.status()).isEqualTo(404);
        assertThat(strangerReport.json().get("ErrorCode").intValue()).isEqualTo(32);
        RawHttp.Answer noHeader = new RawHttp(baseUri).get("/api/paywall/marketplace/report/approval")
                .publicKeys(shop.merchant().created().publicKey()).send();
        assertThat(noHeader.status()).isEqualTo(400);
        assertThat(noHeader.json().get("Message").stringValue()).contains("paymentid");

        String description = "y".repeat(140);
        assertThat(post(shop, "approve/pw/product", "{\"PaymentId\":\"" + id + "\",\"ProductIds\":[\"" + products.get(0)
                + "\"],\"Payout\":{\"DescriptionApply\":true,\"Description\":\"" + description + "\"}}").status())
                .as("numbers as numeric strings, the longest description").isEqualTo(200);

        Shop plain = marketplaceShop("no marketplace sale", true, false);
        admin.setMarketplace(plain.merchant().created().merchantId(), new Marketplace.Settings(false, false, null, null));
        SaleResult ordinary = sell(plain, MarketplaceIT.sale(plain.terminalId(), null, 1_000, 0));
        refused(plain, "approve/pw/payment", "{\"PaymentId\":" + ordinary.paymentId() + "}", 422, 31, null);
        refused(plain, "reject/payment", "{\"PaymentId\":" + ordinary.paymentId() + "}", 422, 31, null);
    }

    @Test
    void twoDecisionsOnTheSameProductRacingEndWithExactlyOneWinner() throws Exception {
        Shop shop = marketplaceShop("race", true, false);
        long member = member(shop, "10");
        for (int round = 0; round < 4; round++) {
            SaleResult sale = sell(shop, MarketplaceIT.twoProducts(shop.terminalId(), member));
            long product = productIds(earnings(shop, sale.paymentId())).get(0);
            String approve = "{\"PaymentId\":" + sale.paymentId() + ",\"ProductIds\":[" + product + "]}";
            String reject = "{\"ProductIds\":[" + product + "]}";
            List<Callable<RawHttp.Answer>> calls = round % 2 == 0
                    ? List.of(() -> post(shop, "approve/pw/product", approve), () -> post(shop, "reject/product", reject))
                    : List.of(() -> post(shop, "approve/pw/product", approve), () -> post(shop, "approve/pw/payment",
                    "{\"PaymentId\":" + sale.paymentId() + "}"));
            CountDownLatch go = new CountDownLatch(1);
            List<Future<RawHttp.Answer>> answers = new ArrayList<>();
            try (var callers = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                for (Callable<RawHttp.Answer> call : calls) {
                    answers.add(callers.submit(() -> {
                        go.await();
                        return call.call();
                    }));
                }
                go.countDown();
                int winners = 0;
                for (Future<RawHttp.Answer> answer : answers) {
                    JsonNode success = answer.get().json().get("Body").get("Success");
                    winners += (int) java.util.stream.StreamSupport.stream(success.spliterator(), false)
                            .filter(p -> p.get("ProductId").longValue() == product).count();
                }
                assertThat(winners).as("round " + round).isEqualTo(1);
            }
            assertThat(jdbc.sql("""
                            select count(distinct (e.approved_at is not null, e.status = 'REJECTED')) from earning e join payment_product p on p.id = e.product_id
                            where p.paywall_id = :product""")
                    .param("product", product).query(Long.class).single()).as("both shares decided alike").isEqualTo(1);
        }
    }

    @Test
    void theSdkApprovesRejectsAndReportsAndReadsTheFailures() {
        Shop shop = marketplaceShop("sdk", true, false);
        long member = member(shop, "10");
        SaleResult sale = sell(shop, MarketplaceIT.twoProducts(shop.terminalId(), member));
        Marketplace marketplace = shop.client().marketplace();
        List<Long> products = productIds(earnings(shop, sale.paymentId()));

        Marketplace.Approval approval = marketplace.approveProducts(Marketplace.ApprovalRequest
                .products(sale.paymentId(), List.of(products.get(0))).withPayoutDescription("SDK"));
        assertThat(approval.success()).extracting(Marketplace.Approval.Success::productId).containsExactly(products.get(0));
        assertThat(approval.fail()).isEmpty();
        assertThat(marketplace.reject(List.of(products.get(1))).success()).hasSize(1);
        Marketplace.Approval nothing = marketplace.approvePayment(Marketplace.ApprovalRequest.payment(sale.paymentId()));
        assertThat(nothing.succeeded()).isFalse();
        assertThat(nothing.fail()).extracting(Marketplace.Approval.Failure::reason).containsExactly(ALREADY_APPROVED, NOT_CALCULATED);
        Marketplace.ApprovalReport report = marketplace.approvalReport(sale.paymentId());
        assertThat(report.approved()).extracting(Marketplace.ApprovalReport.Product::productId).containsExactly(products.get(0));
        assertThat(report.notApproved()).extracting(Marketplace.ApprovalReport.Product::productId).containsExactly(products.get(1));
        assertThat(marketplace.rejectPayment(sale.paymentId()).succeeded()).isFalse();
        KasaException unknown = catchThrowableOfType(KasaException.class, () -> marketplace.approvePaymentSelf(
                Marketplace.ApprovalRequest.payment(Long.MAX_VALUE)));
        assertThat(unknown.errorCode()).isEqualTo(32);

        SaleResult own = sell(shop, withMemberEarning(MarketplaceIT.twoProducts(shop.terminalId(), member), "55.55"));
        List<Long> ownProducts = productIds(earnings(shop, own.paymentId()));
        assertThat(marketplace.approveProductsSelf(Marketplace.ApprovalRequest.products(own.paymentId(), List.of(ownProducts.get(0)))
                .withSameReflectionDateWithMember(true)).success()).hasSize(1);
    }

    // --- fixtures ---

    private Shop marketplaceShop(String name, boolean manualTrigger, boolean automaticApproval) {
        Shop shop = shop(name, Behaviour.approve());
        admin.setMarketplace(shop.merchant().created().merchantId(),
                new Marketplace.Settings(true, manualTrigger, MarketplaceIT.PLATFORM_IBAN, "Platform A.Ş.", automaticApproval));
        return shop;
    }

    private long member(Shop shop, String commission) {
        return MarketplaceIT.member(baseUri, shop.merchant().created().publicKey(), commission);
    }

    private static SaleResult sell(Shop shop, String sale) {
        SaleResult result = shop.client().payments().syncSaleJson(sale);
        assertThat(result.paymentStatus()).isEqualTo(4);
        return result;
    }

    private RawHttp.Answer post(Shop shop, String path, String body) {
        return new RawHttp(baseUri).post("/api/paywall/marketplace/" + path)
                .publicKeys(shop.merchant().created().publicKey()).json(body).send();
    }

    private void refused(Shop shop, String path, String body, int status, int errorCode, String field) {
        RawHttp.Answer answer = post(shop, path, body);
        assertThat(answer.status()).as(path + " " + body + ": " + answer.text()).isEqualTo(status);
        JsonNode envelope = answer.json();
        assertThat(envelope.propertyNames()).containsExactly("ErrorCode", "Result", "Message", "Body");
        assertThat(envelope.get("ErrorCode").intValue()).as(answer.text()).isEqualTo(errorCode);
        assertThat(envelope.get("Result").booleanValue()).isFalse();
        if (field != null) {
            assertThat(envelope.get("Message").stringValue()).as(answer.text()).contains(field);
        }
    }

    private void assertSaleRefused(Shop shop, String sale, int errorCode, String field) {
        KasaException failure = catchThrowableOfType(KasaException.class, () -> shop.client().payments().syncSaleJson(sale));
        assertThat(failure).as(sale).isNotNull();
        assertThat(failure.errorCode()).as(failure.getMessage()).isEqualTo(errorCode);
        assertThat(failure.httpStatus()).isEqualTo(400);
        assertThat(failure.message()).contains(field);
    }

    private JsonNode earnings(Shop shop, long paymentId) {
        RawHttp.Answer answer = new RawHttp(baseUri).get("/api/paywall/marketplace/report/earning/payment")
                .publicKeys(shop.merchant().created().publicKey()).header("paymentid", Long.toString(paymentId)).send();
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json().get("Body");
    }

    private JsonNode approvalReport(Shop shop, long paymentId) {
        RawHttp.Answer answer = new RawHttp(baseUri).get("/api/paywall/marketplace/report/approval")
                .publicKeys(shop.merchant().created().publicKey()).header("paymentid", Long.toString(paymentId)).send();
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.json().get("Body").propertyNames()).containsExactly("Approved", "NotApproved");
        return answer.json().get("Body");
    }

    private static List<Long> productIds(JsonNode earnings) {
        List<Long> ids = new ArrayList<>();
        earnings.forEach(product -> ids.add(product.get("ProductId").longValue()));
        return ids;
    }

    /** The sale with the platform's own figure for its first (the member's) product. */
    private static String withMemberEarning(String sale, String memberEarning) {
        ObjectNode tree = (ObjectNode) JSON.readTree(sale);
        String json = JSON.writeValueAsString(tree);
        String product = JSON.writeValueAsString(tree.get("Products").get(0));
        String changed = product.substring(0, product.length() - 1) + ",\"MemberEarningCalculated\":true,\"MemberEarning\":"
                + memberEarning + "}";
        return json.replace(product, changed);
    }

    private static String product(String sale, int index, java.util.function.Consumer<ObjectNode> change) {
        ObjectNode tree = (ObjectNode) JSON.readTree(sale);
        change.accept((ObjectNode) tree.get("Products").get(index));
        return JSON.writeValueAsString(tree);
    }

    private static LocalDate day(JsonNode dateTime) {
        assertThat(dateTime.isNull()).as("a reflection date").isFalse();
        return LocalDate.parse(dateTime.stringValue().substring(0, 10));
    }

    /** The day, moved past a weekend to Monday, as reflection dates are. */
    private static LocalDate weekday(LocalDate day) {
        LocalDate next = day;
        while (next.getDayOfWeek() == DayOfWeek.SATURDAY || next.getDayOfWeek() == DayOfWeek.SUNDAY) {
            next = next.plusDays(1);
        }
        return next;
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneId.of("Europe/Istanbul"));
    }
}
