package io.kasa.server.hostile;

import io.kasa.client.IssuedKey;
import io.kasa.client.KasaClient;
import io.kasa.client.KeyKind;
import io.kasa.client.SaleResult;
import io.kasa.client.Marketplace;
import io.kasa.client.PairAsyncRequest;
import io.kasa.client.PairRequest;
import io.kasa.client.PaymentStatus;
import io.kasa.client.TerminalRef;
import io.kasa.server.Devices;
import io.kasa.server.KasaServerIT;
import io.kasa.server.RawHttp;
import io.kasa.server.Seeds;
import io.kasa.server.marketplace.MarketplaceIT;
import io.kasa.terminal.Behaviour;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The base of the tests that aim at every endpoint at once: the endpoint list read from the
 * running server, and merchants each with a complete {@link World}, built through the
 * public API and left quiet (no callback, order or payout still moving) so that any later
 * change to their data is the test's doing.
 */
abstract class WorldsIT extends KasaServerIT {

    static final Duration SETTLE = Duration.ofSeconds(20);

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlerMapping;

    List<Endpoint> endpoints() {
        return Endpoints.of(handlerMapping);
    }

    RawHttp http() {
        return new RawHttp(baseUri);
    }

    World world(String label) {
        Shop shop = shop(label, Behaviour.approve());
        UUID merchantId = shop.merchant().created().merchantId();
        var client = shop.client();
        admin.setMarketplace(merchantId, new Marketplace.Settings(true, true, MarketplaceIT.PLATFORM_IBAN, "Platform", true));

        String tagCode = "tag-" + label.toLowerCase().replaceAll("[^a-z0-9]", "");
        UUID tagId = client.tags().add(shop.terminalId(), label + " tag", tagCode);
        long memberId = MarketplaceIT.member(baseUri, shop.merchant().created().publicKey(), "10");
        String externalId = jdbc.sql("select external_id from member where id = :id").param("id", memberId)
                .query(String.class).single();
        long bankAccountId = jdbc.sql("select id from member_bank_account where member_id = :id").param("id", memberId)
                .query(Long.class).single();

        String code = "sale-" + UUID.randomUUID();
        SaleResult sale = client.payments().asyncSaleJson(Seeds.asyncSale(shop.terminalId(), code, Seeds.SINK));
        UUID paymentId = sale.paymentRequestId();
        awaitTrue("the sale is approved", () -> client.payments().inquiry(paymentId).status() == PaymentStatus.SUCCESSFUL);
        awaitTrue("the sale's callbacks are delivered", () -> count("""
                select count(*) from callback_delivery where payment_id = :id and state <> 'DELIVERED'""", paymentId) == 0
                && count("select count(*) from callback_delivery where payment_id = :id", paymentId) > 0);
        UUID callbackId = jdbc.sql("select id from callback_delivery where payment_id = :id order by sequence limit 1")
                .param("id", paymentId).query(UUID.class).single();

        long productId = jdbc.sql("select paywall_id from payment_product where payment_id = :id order by position limit 1")
                .param("id", paymentId).query(Long.class).single();
        long earningId = jdbc.sql("""
                        select e.id from earning e join payment_product p on p.id = e.product_id
                        where p.paywall_id = :product order by e.id limit 1""")
                .param("product", productId).query(Long.class).single();

        LocalDate today = LocalDate.now(ZoneId.of("Europe/Istanbul"));
        UUID jobId = client.marketplace().start(Marketplace.PayoutOrder.of(1, today.minusDays(1), today).withTestMode(true))
                .jobId();
        awaitTrue("the payout job ends", () -> count("""
                select count(*) from payout_job where id = :id and status in ('SUCCEEDED', 'FAILED')""", jobId) == 1);

        String cargoSale = MarketplaceIT.sale(shop.terminalId(), memberId, 1_000, 0)
                .replace("\"MemberId\":" + memberId, "\"MemberId\":" + memberId + ",\"Cargo\":{\"CargoOwnerType\":2,\"CargoCost\":500}");
        SaleResult withDebt = client.payments().syncSaleJson(cargoSale);
        Marketplace.DebtItem debt = client.marketplace().debtsOfPayment(withDebt.paymentId()).getFirst();

        UUID spare = Devices.register(client, label + " spare");
        PairRequest pairRequest = client.pairing().request(TerminalRef.id(spare));
        String deviceToken = http().post("/api/device/pair")
                .json("{\"PairCode\":\"" + pairRequest.pairCode() + "\",\"SerialNo\":\"RAW-" + UUID.randomUUID() + "\"}")
                .send().result().get("DeviceToken").stringValue();

        PairAsyncRequest pairAsyncRequest = client.asyncPairing().request(TerminalRef.id(spare));

        IssuedKey revoked = admin.issueKey(merchantId, KeyKind.PRIVATE);
        admin.revokeKey(merchantId, revoked.keyId());

        return new World(label, shop.merchant().created(), shop.terminalId(), tagId, tagCode, paymentId,
                sale.paymentId(), productId, earningId, code, callbackId, memberId, bankAccountId, externalId, jobId, spare, pairRequest.pairRequestId(),
                pairAsyncRequest.pairAsyncRequestId(), deviceToken, revoked,
                signIn(shop.merchant().created().privateKey()), debt.debtId());
    }

    /** A dashboard session of the merchant whose private pair this is. */
    World.Session signIn(IssuedKey privateKey) {
        return session("{\"ApiClientPrivate\":\"" + privateKey.client() + "\",\"ApiKeyPrivate\":\"" + privateKey.secret() + "\"}");
    }

    World.Session operatorSession() {
        return session("{\"AdminToken\":\"" + ADMIN_TOKEN + "\"}");
    }

    private World.Session session(String body) {
        RawHttp.Answer answer = http().post("/dashboard/api/session").json(body).send();
        String cookie = answer.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        return new World.Session(cookie, answer.result().get("CsrfToken").stringValue());
    }

    KasaClient merchantClient(World world) {
        return KasaClient.builder().baseUri(baseUri).privateKeys(world.privateKey()).publicKeys(world.publicKey())
                .locale("en").build();
    }

    long count(String sql, UUID id) {
        return jdbc.sql(sql).param("id", id).query(Long.class).single();
    }

    static void awaitTrue(String what, java.util.function.BooleanSupplier condition) {
        assertThat(Devices.eventually(SETTLE, condition)).as(what).isTrue();
    }
}
