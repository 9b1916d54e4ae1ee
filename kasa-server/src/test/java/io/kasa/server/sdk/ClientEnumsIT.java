package io.kasa.server.sdk;

import io.kasa.client.Currency;
import io.kasa.client.CustomerType;
import io.kasa.client.KasaClient;
import io.kasa.client.PaymentMethod;
import io.kasa.client.PaymentStatus;
import io.kasa.client.TaxGroup;
import io.kasa.client.UnitCode;
import io.kasa.server.KasaServerIT;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SDK's enums are the server's lookup tables ({@code GET /api/lookup/*}): the same ids with
 * the same names, in the same order, nothing missing and nothing extra.
 */
class ClientEnumsIT extends KasaServerIT {

    private <E extends Enum<E>> void sameTable(KasaClient client, String table, Class<E> type,
                                               Function<E, Integer> id, Function<E, String> name) {
        JsonNode rows = client.call("GET", "/api/lookup/" + table, null, JsonNode.class);
        List<String> served = new ArrayList<>();
        rows.forEach(row -> served.add(row.get("Id").intValue() + " " + row.get("Name").stringValue()));

        assertThat(Arrays.stream(type.getEnumConstants()).map(value -> id.apply(value) + " " + name.apply(value)))
                .as(table).containsExactlyElementsOf(served);
    }

    @Test
    void theEnumsAreTheServersLookupTables() {
        KasaClient client = newMerchant("Lookup enums").client();

        sameTable(client, "currencies", Currency.class, Currency::id, Currency::wireName);
        sameTable(client, "tax-groups", TaxGroup.class, TaxGroup::id, TaxGroup::wireName);
        sameTable(client, "unit-codes", UnitCode.class, UnitCode::id, UnitCode::wireName);
        sameTable(client, "payment-methods", PaymentMethod.class, PaymentMethod::id, PaymentMethod::wireName);
        sameTable(client, "customer-types", CustomerType.class, CustomerType::id, CustomerType::wireName);
        sameTable(client, "payment-statuses", PaymentStatus.class, PaymentStatus::id, PaymentStatus::wireName);
    }
}
