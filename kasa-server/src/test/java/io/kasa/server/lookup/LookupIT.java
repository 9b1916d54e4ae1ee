package io.kasa.server.lookup;

import io.kasa.server.KasaServerIT;
import io.kasa.server.RawHttp;
import io.kasa.server.shared.Language;
import io.kasa.server.shared.LookupValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/lookup/<table>}: every table of the Physical pages over HTTP, in both languages. */
class LookupIT extends KasaServerIT {

    private RawHttp http;
    private MerchantFixture merchant;

    @BeforeEach
    void merchant() {
        http = new RawHttp(baseUri);
        merchant = newMerchant("lookups");
    }

    @Test
    void everyTableIsServedWhole() {
        for (Map.Entry<String, List<? extends LookupValue>> table : PaywallTables.all().entrySet()) {
            for (Language language : Language.values()) {
                JsonNode result = http.get("/api/lookup/" + table.getKey()).privateKeys(merchant.created().privateKey())
                        .header("locale", language.name().toLowerCase()).send().result();
                assertThat(result.isArray()).as(table.getKey()).isTrue();
                assertThat(result.size()).as(table.getKey()).isEqualTo(table.getValue().size());
                for (int i = 0; i < result.size(); i++) {
                    JsonNode item = result.get(i);
                    LookupValue row = table.getValue().get(i);
                    assertThat(item.propertyNames()).containsExactly("Id", "Name", "Description", "IsActive");
                    assertThat(item.get("Id").intValue()).isEqualTo(row.id());
                    assertThat(item.get("Name").stringValue()).isEqualTo(row.wireName());
                    assertThat(item.get("Description").stringValue()).isEqualTo(row.label().in(language));
                    assertThat(item.get("IsActive").booleanValue()).isEqualTo(row.isActive());
                }
            }
        }
    }

    @Test
    void theRowsReadAsThePagesWriteThem() {
        JsonNode statuses = http.get("/api/lookup/payment-statuses").privateKeys(merchant.created().privateKey())
                .header("locale", "tr").send().result();
        assertThat(statuses.get(1).get("Id").intValue()).isEqualTo(2);
        assertThat(statuses.get(1).get("Name").stringValue()).isEqualTo("SentToDevice");
        assertThat(statuses.get(1).get("Description").stringValue()).isEqualTo("Cihaza Gönderildi");

        JsonNode taxGroups = http.get("/api/lookup/tax-groups").privateKeys(merchant.created().privateKey())
                .header("locale", "en").send().result();
        assertThat(taxGroups.get(2).get("Id").intValue()).isEqualTo(10);
        assertThat(taxGroups.get(2).get("Name").stringValue()).isEqualTo("Ten");

        JsonNode valueDays = http.get("/api/lookup/value-days").privateKeys(merchant.created().privateKey())
                .header("locale", "tr").send().result();
        assertThat(valueDays.size()).isEqualTo(30);
        assertThat(valueDays.get(29).get("Description").stringValue()).isEqualTo("28 Gün");
    }

    @Test
    void theTablesTakeThePrivatePair() {
        http.get("/api/lookup/currencies").send().refusedWith("System.AuthError");
        http.get("/api/lookup/currencies").publicKeys(merchant.created().publicKey()).send().refusedWith("System.AuthError");
        http.get("/api/lookup/no-such-table").privateKeys(merchant.created().privateKey()).send()
                .refusedWith("System.NotFound");
    }
}
