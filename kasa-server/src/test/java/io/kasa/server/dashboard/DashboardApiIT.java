package io.kasa.server.dashboard;

import io.kasa.client.IssuedKey;
import io.kasa.client.Marketplace;
import io.kasa.client.SaleResult;
import io.kasa.server.CallbackReceiver;
import io.kasa.server.KasaServerIT;
import io.kasa.server.Seeds;
import io.kasa.server.marketplace.MarketplaceIT;
import io.kasa.server.marketplace.MoneyInvariants;
import io.kasa.terminal.Behaviour;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static io.kasa.server.Devices.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard's JSON API: sign-in, sessions and CSRF, each page's data, and the scoping of ids. */
class DashboardApiIT extends KasaServerIT {

    private DashboardSession signedIn(MerchantFixture merchant) {
        DashboardSession session = new DashboardSession(baseUri);
        IssuedKey key = merchant.created().privateKey();
        assertThat(session.signInMerchant(key.client(), key.secret()).status()).isEqualTo(200);
        return session;
    }

    @Autowired
    private ApplicationContext context;

    @Test
    void springSessionsFilterServesTheDashboardsPathsOnly() {
        // Spring Boot registers it for every path; API requests and device connections never have a session.
        DelegatingFilterProxyRegistrationBean registration =
                context.getBean("sessionRepositoryFilterRegistration", DelegatingFilterProxyRegistrationBean.class);
        assertThat(registration.getUrlPatterns()).containsExactly("/dashboard/*");
    }

    @Test
    void theRootServesTheDashboardWithAStrictContentSecurityPolicy() {
        DashboardSession.Reply page = new DashboardSession(baseUri).get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Kasa dashboard").contains("/dashboard/app.js");
        assertThat(page.response().headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                policy -> assertThat(policy).contains("default-src 'self'").contains("frame-ancestors 'none'"));
        assertThat(new DashboardSession(baseUri).get("/dashboard/app.js").status()).isEqualTo(200);
    }

    @Test
    void aMerchantSignsInWithItsPrivatePairGetsANewHttpOnlyStrictCookieAndSignsOut() {
        MerchantFixture merchant = newMerchant("dash sign-in");
        DashboardSession session = new DashboardSession(baseUri);
        IssuedKey key = merchant.created().privateKey();

        DashboardSession.Reply signIn = session.signInMerchant(key.client(), key.secret());

        assertThat(signIn.status()).isEqualTo(200);
        assertThat(signIn.result().get("Role").asString()).isEqualTo("Merchant");
        assertThat(signIn.result().get("MerchantId").asString()).isEqualTo(merchant.created().merchantId().toString());
        assertThat(signIn.body()).doesNotContain(key.secret());
        String cookie = signIn.response().headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("KASA_SESSION=").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");
        assertThat(signIn.response().headers().firstValue("Cache-Control")).hasValue("no-store");

        DashboardSession.Reply current = session.get("/dashboard/api/session");
        assertThat(current.status()).isEqualTo(200);
        assertThat(current.result().get("CsrfToken").asString()).isEqualTo(session.csrf);
        assertThat(current.result().get("MerchantName").asString()).isEqualTo("dash sign-in");
        assertThat(current.result().get("TimeZone").asString())
                .as("the zone of the API's date-times, which the pages show beside each time").isEqualTo("Europe/Istanbul");

        assertThat(session.send("DELETE", "/dashboard/api/session", null, null).status())
                .as("signing out is a change: it needs the token too").isEqualTo(403);
        assertThat(session.delete("/dashboard/api/session").status()).isEqualTo(200);
        assertThat(session.get("/dashboard/api/session").status()).isEqualTo(401);
        assertThat(session.get("/dashboard/api/terminals").status()).isEqualTo(401);
    }

    @Test
    void wrongCredentialsAndMissingSessionsAnswer401() {
        MerchantFixture merchant = newMerchant("dash wrong");
        IssuedKey privateKey = merchant.created().privateKey();
        IssuedKey publicKey = merchant.created().publicKey();
        DashboardSession session = new DashboardSession(baseUri);

        assertThat(session.signInMerchant(privateKey.client(), privateKey.secret() + "x").status()).isEqualTo(401);
        assertThat(session.signInMerchant(publicKey.client(), publicKey.secret()).status())
                .as("only the private pair signs in").isEqualTo(401);
        assertThat(session.signInOperator(ADMIN_TOKEN + "x").status()).isEqualTo(401);
        DashboardSession.Reply empty = session.send("POST", "/dashboard/api/session", "{}", null);
        assertThat(empty.status()).isEqualTo(401);
        assertThat(empty.json().get("ClientMessage").asString()).isEqualTo("System.AuthError");
        assertThat(session.get("/dashboard/api/overview").status()).isEqualTo(401);
        assertThat(session.get("/dashboard/api/operator/merchants").status()).isEqualTo(401);
    }

    @Test
    void aClientIdThatCannotBeAKeyIsRefusedLikeAWrongOne() {
        // found by HostileInputIT: a NUL in the client id reached the database and answered 500
        DashboardSession session = new DashboardSession(baseUri);

        DashboardSession.Reply reply = session.signInMerchant("kpr_ab\u0000cd", "secret");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().get("ClientMessage").asString()).isEqualTo("System.AuthError");
    }

    @Test
    void thePaymentFiltersFollowTheApisRules() {
        // found by HostileInputIT: the dashboard took any text and any ISO date as filters
        DashboardSession session = signedIn(newMerchant("dash filters"));

        for (String query : new String[]{"merchantUniqueCode=" + "m".repeat(65), "statusId=13", "startDate=%2B99999-01-01",
                "endDate=-0001-01-01", "startDate=2024-05-02&endDate=2024-05-01", "merchantUniqueCode=a%00b"}) {
            DashboardSession.Reply reply = session.get("/dashboard/api/payments?" + query);
            assertThat(reply.status()).as(query).isEqualTo(400);
            assertThat(reply.json().get("ClientMessage").asString()).as(query).isEqualTo("System.ValidationError");
        }
        assertThat(session.get("/dashboard/api/marketplace/pending?currencyId=1&dateFrom=%2B99999-01-01&dateTo=2024-05-01")
                .json().get("Message").asString()).contains("dateFrom");
        assertThat(session.get("/dashboard/api/payments?merchantUniqueCode=" + "m".repeat(64)).status()).isEqualTo(200);
    }

    @Test
    void aPathThatReadsAsAnotherPathIsRefusedNotRunUnauthenticated() {
        // found by HostileInputIT: /dashboard/api/payments/%2e%2e passed the guard as the page
        // /dashboard/api while Spring ran the payment handler with no merchant: a 500
        DashboardSession session = signedIn(newMerchant("dash dots"));

        for (String path : new String[]{"/dashboard/api/payments/%2e%2e", "/dashboard/api/pair-requests/%2E%2E",
                "/dashboard/api/%2e/terminals", "/dashboard/api//terminals", "/dashboard/api/terminals;x=1"}) {
            DashboardSession.Reply reply = session.get(path);
            assertThat(reply.status()).as(path).isEqualTo(400);
            assertThat(reply.json().get("ClientMessage").asString()).as(path).isEqualTo("System.ValidationError");
        }
    }

    @Test
    void aChangeWithoutTheSessionsCsrfTokenIsRefusedAndChangesNothing() {
        MerchantFixture merchant = newMerchant("dash csrf");
        DashboardSession session = signedIn(merchant);
        String body = "{\"Name\":\"Till\",\"SerialNo\":\"CSRF-1\"}";

        DashboardSession.Reply missing = session.send("POST", "/dashboard/api/terminals", body, null);
        DashboardSession.Reply wrong = session.send("POST", "/dashboard/api/terminals", body, session.csrf + "x");

        assertThat(missing.status()).isEqualTo(403);
        assertThat(missing.json().get("ClientMessage").asString()).isEqualTo("System.Forbidden");
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(session.get("/dashboard/api/terminals").result().get("Items")).isEmpty();

        assertThat(session.post("/dashboard/api/terminals", body).status()).isEqualTo(200);
        assertThat(session.get("/dashboard/api/terminals").result().get("Items")).hasSize(1);
    }

    @Test
    void eachRoleReachesOnlyItsOwnPages() {
        DashboardSession merchant = signedIn(newMerchant("dash roles"));
        DashboardSession operator = new DashboardSession(baseUri);
        assertThat(operator.signInOperator(ADMIN_TOKEN).status()).isEqualTo(200);

        assertThat(merchant.get("/dashboard/api/operator/merchants").status()).isEqualTo(403);
        assertThat(merchant.post("/dashboard/api/operator/merchants", "{\"Name\":\"x\"}").status()).isEqualTo(403);
        assertThat(operator.get("/dashboard/api/terminals").status()).isEqualTo(403);
        assertThat(operator.get("/dashboard/api/overview").status()).isEqualTo(403);
    }

    @Test
    void theMerchantsPagesShowItsTerminalsSalesAndCallbacksAndResendOne() throws Exception {
        try (CallbackReceiver receiver = CallbackReceiver.start()) {
            Shop shop = shop("dash shop", Behaviour.approve());
            DashboardSession session = signedIn(shop.merchant());
            String code = UUID.randomUUID().toString();
            SaleResult sale = shop.client().payments().syncSaleJson(
                    Seeds.syncSale(shop.terminalId(), code, receiver.uri("/hook")), Duration.ofSeconds(20));
            assertThat(sale.paymentStatus()).isEqualTo(4);

            JsonNode terminals = session.get("/dashboard/api/terminals").result().get("Items");
            assertThat(terminals).hasSize(1);
            assertThat(terminals.get(0).get("IsSocketConnected").asBoolean()).isTrue();
            assertThat(terminals.get(0).get("IsPaired").asBoolean()).isTrue();

            JsonNode overview = session.get("/dashboard/api/overview?hours=1").result();
            assertThat(overview.get("ByStatus")).anySatisfy(total -> {
                assertThat(total.get("PaymentStatusId").asInt()).isEqualTo(4);
                assertThat(total.get("Count").asLong()).isEqualTo(1);
            });
            assertThat(overview.get("PerMinute")).hasSize(60);
            assertThat(overview.get("PerMinute").get(59).get("Count").asLong()
                    + overview.get("PerMinute").get(58).get("Count").asLong()).isEqualTo(1);
            assertThat(session.get("/dashboard/api/overview?hours=25").status()).isEqualTo(400);

            String today = LocalDate.now(java.time.ZoneId.of("Europe/Istanbul")).toString();
            JsonNode list = session.get("/dashboard/api/payments?statusId=4&startDate=" + today + "&endDate=" + today
                    + "&terminalId=" + shop.terminalId() + "&merchantUniqueCode=" + code).result();
            assertThat(list.get("Items")).hasSize(1);
            assertThat(list.get("Items").get(0).get("Id").asString()).isEqualTo(sale.paymentRequestId().toString());
            assertThat(session.get("/dashboard/api/payments?statusId=5").result().get("Items")).isEmpty();
            assertThat(session.get("/dashboard/api/payments?startDate=yesterday").status()).isEqualTo(400);

            assertThat(eventually(Duration.ofSeconds(20), () -> receiver.forPayment(sale.paymentRequestId()).size() >= 3)).isTrue();
            JsonNode detail = session.get("/dashboard/api/payments/" + sale.paymentRequestId()).result();
            assertThat(detail.get("Payment").get("PaymentStatusId").asInt()).isEqualTo(4);
            assertThat(detail.get("Activities").size()).isGreaterThanOrEqualTo(3);
            assertThat(detail.get("Products")).isNotEmpty();
            assertThat(detail.get("Customer").isNull()).isFalse();
            JsonNode callbacks = detail.get("Callbacks");
            assertThat(callbacks).isNotEmpty();
            String callbackId = callbacks.get(0).get("Id").asString();
            int before = receiver.forPayment(sale.paymentRequestId()).size();

            assertThat(session.send("POST", "/dashboard/api/callbacks/" + callbackId + "/resend", null, null).status())
                    .isEqualTo(403);
            DashboardSession.Reply resent = session.post("/dashboard/api/callbacks/" + callbackId + "/resend", null);
            assertThat(resent.status()).isEqualTo(200);
            // the sale's last callbacks may still be arriving: look for the resent one among all that came after
            assertThat(eventually(Duration.ofSeconds(20), () -> receiver.forPayment(sale.paymentRequestId()).stream()
                    .skip(before).anyMatch(received -> received.eventId().equals(callbackId)))).isTrue();
        }
    }

    @Test
    void aTerminalIsRegisteredPairedByCodeWithItsQrCodeAndUnpaired() {
        Shop shop = shop("dash pairing", Behaviour.approve());
        DashboardSession session = signedIn(shop.merchant());

        DashboardSession.Reply registered = session.post("/dashboard/api/terminals",
                "{\"Name\":\"Second till\",\"SerialNo\":\"DASH-2\",\"TagCode\":\"kasa_2\"}");
        assertThat(registered.status()).isEqualTo(200);
        String terminalId = registered.result().get("TerminalId").asString();

        JsonNode code = session.post("/dashboard/api/terminals/" + terminalId + "/pair-requests", null).result();
        assertThat(code.get("PairCode").asString()).matches("\\d{6}");
        assertThat(code.get("Status").asString()).isEqualTo("Pending");
        JsonNode status = session.get("/dashboard/api/pair-requests/" + code.get("PairRequestId").asString()).result();
        assertThat(status.get("Status").asString()).isEqualTo("Pending");

        DashboardSession.Reply svg = session.get("/dashboard/api/terminals/pair-code.svg?code=" + code.get("PairCode").asString());
        assertThat(svg.status()).isEqualTo(200);
        assertThat(svg.response().headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("image/svg+xml"));
        assertThat(svg.body()).startsWith("<svg").contains("<path");
        assertThat(session.get("/dashboard/api/terminals/pair-code.svg?code=%3Cscript%3E").status()).isEqualTo(400);
        assertThat(new DashboardSession(baseUri).get("/dashboard/api/terminals/pair-code.svg?code=123456").status()).isEqualTo(401);

        DashboardSession.Reply unpaired = session.post("/dashboard/api/terminals/" + shop.terminalId() + "/unpair", null);
        assertThat(unpaired.status()).isEqualTo(200);
        assertThat(eventually(Duration.ofSeconds(10), () -> !shop.agent().isConnected())).isTrue();
        JsonNode first = session.get("/dashboard/api/terminals").result().get("Items").get(0);
        assertThat(first.get("IsPaired").asBoolean()).isFalse();
    }

    @Test
    void theMarketplacePageShowsSettingsMembersThePoolAndJobs() {
        MerchantFixture merchant = newMerchant("dash market");
        DashboardSession session = signedIn(merchant);
        LocalDate yesterday = LocalDate.now().minusDays(1);

        JsonNode settings = session.get("/dashboard/api/marketplace/settings").result();
        assertThat(settings.get("ManualTrigger").asBoolean()).isFalse();
        assertThat(settings.has("PlatformIban")).as("the IBAN itself stays off the page").isFalse();
        assertThat(session.get("/dashboard/api/marketplace/members").result().get("Items")).isEmpty();
        JsonNode pending = session.get("/dashboard/api/marketplace/pending?currencyId=1&dateFrom=" + yesterday.minusDays(5)
                + "&dateTo=" + yesterday).result();
        assertThat(pending.get("Count").asLong()).isZero();
        assertThat(pending.get("Currency").asString()).isEqualTo("TRY");
        assertThat(session.get("/dashboard/api/marketplace/jobs").result().get("Items")).isEmpty();

        DashboardSession.Reply start = session.post("/dashboard/api/marketplace/jobs",
                "{\"CurrencyId\":1,\"DateFrom\":\"" + yesterday.minusDays(5) + "\",\"DateTo\":\"" + yesterday + "\"}");
        assertThat(start.status()).isEqualTo(422);
        assertThat(start.json().get("ErrorCode").asInt()).isEqualTo(551);
        assertThat(session.get("/dashboard/api/marketplace/jobs/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    /**
     * A member's sale on the marketplace page: its earnings with their reflection dates and
     * statuses (filtered by status), the payout order's transfer with the bank's answer; none
     * of it visible to another merchant, and an unknown status refused naming the field.
     */
    @Test
    void theMarketplacePageShowsEarningsWithReflectionDatesAndPayouts() {
        Shop shop = shop("dash ledger", Behaviour.approve());
        admin.setMarketplace(shop.merchant().created().merchantId(),
                new Marketplace.Settings(true, true, MarketplaceIT.PLATFORM_IBAN, "Platform A.Ş.", true));
        long member = MarketplaceIT.member(baseUri, shop.merchant().created().publicKey(), "10");
        SaleResult sale = shop.client().payments().syncSaleJson(MarketplaceIT.twoProducts(shop.terminalId(), member));
        DashboardSession session = signedIn(shop.merchant());

        DashboardSession.Reply listed = session.get("/dashboard/api/marketplace/earnings");
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        JsonNode earnings = listed.result();
        assertThat(earnings.get("Pagination").get("TotalCount").asLong()).as("member and platform shares, and the platform's product")
                .isEqualTo(3);
        JsonNode memberShare = earnings.get("Items").valueStream().filter(item -> item.get("MemberId").isNumber())
                .findFirst().orElseThrow();
        assertThat(memberShare.get("PaymentId").asLong()).isEqualTo(sale.paymentId());
        assertThat(memberShare.get("PaymentRequestId").asString()).isEqualTo(sale.paymentRequestId().toString());
        assertThat(memberShare.get("Payee").asString()).isEqualTo("Berber Ali");
        assertThat(memberShare.get("Earning").decimalValue()).isEqualByComparingTo("90.00");
        assertThat(memberShare.get("Currency").asString()).isEqualTo("TRY");
        assertThat(LocalDate.parse(memberShare.get("ReflectionDate").asString())).isAfter(LocalDate.now().minusDays(1));
        JsonNode pooled = session.get("/dashboard/api/marketplace/earnings?statusId=6").result();
        assertThat(pooled.get("Items").valueStream().map(item -> item.get("EarningStatus").asString())).containsOnly("Pooled")
                .hasSize(2);
        assertThat(pooled.get("Items").valueStream().map(item -> item.get("Payee").isNull())).containsOnly(true);

        DashboardSession.Reply unknown = session.get("/dashboard/api/marketplace/earnings?statusId=99");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("Message").asString()).contains("statusId");
        assertThat(session.get("/dashboard/api/marketplace/earnings?statusId=x").status()).isEqualTo(400);

        LocalDate today = LocalDate.now(java.time.ZoneId.of("Europe/Istanbul"));
        Marketplace.PayoutJob job = shop.client().marketplace()
                .start(Marketplace.PayoutOrder.of(1, today.minusDays(1), today).withTestMode(true));
        assertThat(eventually(Duration.ofSeconds(15), () -> session.get("/dashboard/api/marketplace/payouts").result()
                .get("Items").valueStream().anyMatch(payout -> payout.get("Status").asString().equals("SUCCEEDED")))).isTrue();
        JsonNode payout = session.get("/dashboard/api/marketplace/payouts").result().get("Items").get(0);
        assertThat(payout.get("JobId").asString()).isEqualTo(job.jobId().toString());
        assertThat(payout.get("Payee").isNull()).as("the platform's own account").isTrue();
        assertThat(payout.get("Amount").decimalValue()).isEqualByComparingTo("60.00");
        assertThat(payout.get("Attempts").asInt()).isEqualTo(1);

        DashboardSession other = signedIn(newMerchant("dash ledger other"));
        assertThat(other.get("/dashboard/api/marketplace/earnings").result().get("Items")).isEmpty();
        assertThat(other.get("/dashboard/api/marketplace/payouts").result().get("Items")).isEmpty();
        assertThat(other.get("/dashboard/api/marketplace/approvals").result().get("Items")).isEmpty();
        assertThat(MoneyInvariants.broken(jdbc)).isEmpty();
    }

    @Test
    void theMarketplacePageApprovesAndRejectsWaitingEarningsWithTheApisRules() {
        Shop shop = shop("dash approvals", Behaviour.approve());
        admin.setMarketplace(shop.merchant().created().merchantId(), new io.kasa.client.Marketplace.Settings(true, true,
                io.kasa.server.marketplace.MarketplaceIT.PLATFORM_IBAN, "Platform"));
        long member = io.kasa.server.marketplace.MarketplaceIT.member(baseUri, shop.merchant().created().publicKey(), "10");
        SaleResult sale = shop.client().payments().syncSaleJson(
                io.kasa.server.marketplace.MarketplaceIT.twoProducts(shop.terminalId(), member), Duration.ofSeconds(20));
        DashboardSession session = signedIn(shop.merchant());

        JsonNode waiting = session.get("/dashboard/api/marketplace/approvals").result().get("Items");
        assertThat(waiting).hasSize(2);
        assertThat(waiting.get(0).get("PaymentId").asLong()).isEqualTo(sale.paymentId());
        assertThat(waiting.get(0).get("MemberEarning").decimalValue()).isEqualByComparingTo("90.00");
        assertThat(waiting.get(0).get("Calculator").asString()).isEqualTo("Kasa");
        assertThat(session.get("/dashboard/api/marketplace/settings").result().get("AutomaticApproval").asBoolean()).isFalse();
        long first = waiting.get(0).get("ProductId").asLong();
        long second = waiting.get(1).get("ProductId").asLong();

        JsonNode approved = session.post("/dashboard/api/marketplace/approvals", "{\"PaymentId\":" + sale.paymentId()
                + ",\"ProductIds\":[" + first + "],\"Calculator\":\"Kasa\",\"Description\":\"Panel\"}").result();
        assertThat(approved.get("Success").get(0).asLong()).isEqualTo(first);
        JsonNode rejected = session.post("/dashboard/api/marketplace/rejections", "{\"ProductIds\":[" + second + "]}").result();
        assertThat(rejected.get("Success").get(0).asLong()).isEqualTo(second);
        DashboardSession.Reply again = session.post("/dashboard/api/marketplace/rejections", "{\"ProductIds\":[" + first + "]}");
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.json().get("ErrorCode").asInt()).isEqualTo(1);
        assertThat(again.json().get("Result").get("Fail").get(0).get("Reason").asString()).isEqualTo("This product already approved");
        assertThat(session.post("/dashboard/api/marketplace/approvals", "{\"PaymentId\":" + sale.paymentId()
                + ",\"ProductIds\":[" + first + "],\"Calculator\":\"Someone\"}").status()).isEqualTo(400);
        assertThat(session.get("/dashboard/api/marketplace/approvals").result().get("Items")).isEmpty();

        JsonNode latest = session.get("/dashboard/api/marketplace/earnings").result().get("Items");
        assertThat(latest).hasSize(3);
        assertThat(latest).extracting(item -> item.get("EarningStatus").asString()).containsOnly("Scheduled", "Pooled", "Rejected");
        assertThat(latest).filteredOn(item -> item.get("EarningStatus").asString().equals("Rejected"))
                .allSatisfy(item -> assertThat(item.get("ReflectionDate").isNull()).isTrue());
        DashboardSession other = signedIn(newMerchant("dash approvals other"));
        assertThat(other.post("/dashboard/api/marketplace/rejections", "{\"ProductIds\":[" + first + "]}").status())
                .as("another merchant's product").isEqualTo(422);
        assertThat(other.get("/dashboard/api/marketplace/earnings").result().get("Items")).isEmpty();
        assertThat(io.kasa.server.marketplace.MoneyInvariants.broken(jdbc)).isEmpty();
    }

    @Test
    void anotherMerchantsIdsAreNotFound() throws Exception {
        Shop shop = shop("dash owner", Behaviour.approve());
        SaleResult sale = shop.client().payments().syncSaleJson(
                Seeds.syncSale(shop.terminalId(), UUID.randomUUID().toString()), Duration.ofSeconds(20));
        DashboardSession owner = signedIn(shop.merchant());
        String pairRequestId = owner.post("/dashboard/api/terminals/" + shop.terminalId() + "/pair-requests", null)
                .result().get("PairRequestId").asString();
        DashboardSession other = signedIn(newMerchant("dash other"));

        assertThat(other.get("/dashboard/api/payments/" + sale.paymentRequestId()).status()).isEqualTo(404);
        assertThat(other.get("/dashboard/api/payments?terminalId=" + shop.terminalId()).result().get("Items")).isEmpty();
        assertThat(other.get("/dashboard/api/pair-requests/" + pairRequestId).status()).isEqualTo(404);
        assertThat(other.post("/dashboard/api/terminals/" + shop.terminalId() + "/pair-requests", null).status()).isEqualTo(404);
        assertThat(other.post("/dashboard/api/terminals/" + shop.terminalId() + "/unpair", null).status()).isEqualTo(404);
        assertThat(other.post("/dashboard/api/callbacks/" + UUID.randomUUID() + "/resend", null).status()).isEqualTo(404);
        assertThat(other.get("/dashboard/api/terminals").result().get("Items")).isEmpty();
        assertThat(shop.agent().isConnected()).isTrue();
    }

    @Test
    void theOperatorManagesMerchantsAndKeysAndSecretsAppearOnlyWhenIssued() {
        DashboardSession operator = new DashboardSession(baseUri);
        assertThat(operator.signInOperator(ADMIN_TOKEN).status()).isEqualTo(200);
        assertThat(operator.get("/dashboard/api/session").result().get("Role").asString()).isEqualTo("Operator");

        JsonNode created = operator.post("/dashboard/api/operator/merchants", "{\"Name\":\"Dash operator shop\"}").result();
        String merchantId = created.get("Merchant").get("Id").asString();
        List<String> secrets = new java.util.ArrayList<>();
        created.get("Keys").forEach(key -> secrets.add(key.get("Secret").asString()));
        assertThat(secrets).hasSize(3).allSatisfy(secret -> assertThat(secret).hasSizeGreaterThan(20));

        JsonNode detail = operator.get("/dashboard/api/operator/merchants/" + merchantId).result();
        assertThat(detail.get("Keys")).hasSize(3);
        String privateKeyId = null;
        for (JsonNode key : detail.get("Keys")) {
            assertThat(key.has("Secret")).isFalse();
            if (key.get("Kind").asString().equals("Private")) {
                privateKeyId = key.get("KeyId").asString();
            }
        }

        JsonNode issued = operator.post("/dashboard/api/operator/merchants/" + merchantId + "/keys", "{\"Kind\":\"Webhook\"}").result();
        secrets.add(issued.get("Secret").asString());
        JsonNode rotated = operator.post("/dashboard/api/operator/merchants/" + merchantId + "/keys/" + privateKeyId + "/rotate",
                "{\"GraceSeconds\":60}").result();
        secrets.add(rotated.get("Secret").asString());
        assertThat(operator.post("/dashboard/api/operator/merchants/" + merchantId + "/keys/" + issued.get("KeyId").asString()
                + "/revoke", null).status()).isEqualTo(200);
        assertThat(operator.send("POST", "/dashboard/api/operator/merchants/" + merchantId + "/keys",
                "{\"Kind\":\"Public\"}", null).status()).isEqualTo(403);
        assertThat(operator.post("/dashboard/api/operator/merchants/" + merchantId + "/keys", "{\"Kind\":\"Nope\"}").status())
                .isEqualTo(400);
        assertThat(operator.get("/dashboard/api/operator/merchants/" + UUID.randomUUID()).status()).isEqualTo(404);

        JsonNode after = operator.get("/dashboard/api/operator/merchants/" + merchantId).result();
        assertThat(after.get("Keys")).hasSize(5);
        operator.get("/dashboard/api/operator/merchants?pageSize=100");
        operator.get("/dashboard/api/session");

        DashboardSession rotatedIn = new DashboardSession(baseUri);
        assertThat(rotatedIn.signInMerchant(rotated.get("Client").asString(), rotated.get("Secret").asString()).status())
                .as("the rotated pair signs in").isEqualTo(200);
        rotatedIn.get("/dashboard/api/session");
        rotatedIn.get("/dashboard/api/terminals");

        for (String body : concat(operator.getBodies, rotatedIn.getBodies)) {
            for (String secret : secrets) {
                assertThat(body).doesNotContain(secret);
            }
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new java.util.ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
