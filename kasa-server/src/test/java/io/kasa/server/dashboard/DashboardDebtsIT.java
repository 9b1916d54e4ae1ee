package io.kasa.server.dashboard;

import io.kasa.client.IssuedKey;
import io.kasa.client.Marketplace;
import io.kasa.client.SaleResult;
import io.kasa.server.KasaServerIT;
import io.kasa.server.marketplace.MarketplaceIT;
import io.kasa.server.marketplace.MoneyInvariants;
import io.kasa.terminal.Behaviour;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The marketplace page lists the members' debts, newest first, each merchant its own. */
class DashboardDebtsIT extends KasaServerIT {

    @Test
    void theMarketplacePageListsTheMembersDebts() {
        Shop shop = shop("dash debts", Behaviour.approve());
        admin.setMarketplace(shop.merchant().created().merchantId(),
                new Marketplace.Settings(true, true, MarketplaceIT.PLATFORM_IBAN, "Platform"));
        long member = MarketplaceIT.member(baseUri, shop.merchant().created().publicKey(), "10");
        String sale = MarketplaceIT.sale(shop.terminalId(), member, 1_000, 500)
                .replace("\"MemberId\":" + member, "\"MemberId\":" + member + ",\"Cargo\":{\"CargoOwnerType\":2,\"CargoCost\":15}");
        SaleResult result = shop.client().payments().syncSaleJson(sale);
        assertThat(result.paymentStatus()).isEqualTo(4);

        DashboardSession session = new DashboardSession(baseUri);
        IssuedKey key = shop.merchant().created().privateKey();
        assertThat(session.signInMerchant(key.client(), key.secret()).status()).isEqualTo(200);
        JsonNode page = session.get("/dashboard/api/marketplace/debts").result();

        assertThat(page.get("Pagination").get("TotalCount").asLong()).isEqualTo(1);
        JsonNode debt = page.get("Items").get(0);
        assertThat(debt.get("TypeName").asString()).isEqualTo("Cargo");
        assertThat(debt.get("MemberId").asLong()).isEqualTo(member);
        assertThat(debt.get("MemberName").asString()).isEqualTo("Berber Ali");
        assertThat(debt.get("PaymentId").asLong()).isEqualTo(result.paymentId());
        assertThat(debt.get("DebtAmount").decimalValue()).isEqualByComparingTo("6.00");
        assertThat(debt.get("Status").asString()).isEqualTo("Open");
        assertThat(debt.get("Currency").asString()).isEqualTo("TRY");

        DashboardSession stranger = new DashboardSession(baseUri);
        IssuedKey theirs = newMerchant("dash no debts").created().privateKey();
        assertThat(stranger.signInMerchant(theirs.client(), theirs.secret()).status()).isEqualTo(200);
        assertThat(stranger.get("/dashboard/api/marketplace/debts").result().get("Items")).isEmpty();
        assertThat(session.get("/dashboard/api/marketplace/debts?pageSize=101").status()).isEqualTo(400);
        assertThat(MoneyInvariants.broken(jdbc)).isEmpty();
    }
}
