package io.kasa.server.lookup;

import io.kasa.server.payment.Channel;
import io.kasa.server.payment.Currency;
import io.kasa.server.payment.CustomerType;
import io.kasa.server.payment.PaymentMethod;
import io.kasa.server.payment.PaymentStatus;
import io.kasa.server.payment.PaymentType;
import io.kasa.server.payment.TaxGroup;
import io.kasa.server.payment.UnitCode;
import io.kasa.server.shared.LookupValue;
import io.kasa.server.terminal.DeviceBrand;
import io.kasa.server.terminal.PaymentProvider;
import io.kasa.server.terminal.Region;
import io.kasa.server.terminal.ValueDay;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every lookup table of the Physical pages, by the name its endpoint carries
 * ({@code GET /api/lookup/<name>}), in the order of Paywall's system-data section.
 */
public final class PaywallTables {

    private static final Map<String, List<? extends LookupValue>> TABLES = tables();

    private PaywallTables() {
    }

    public static Map<String, List<? extends LookupValue>> all() {
        return TABLES;
    }

    public static List<? extends LookupValue> named(String name) {
        List<? extends LookupValue> table = TABLES.get(name);
        if (table == null) {
            throw new IllegalArgumentException("no lookup table " + name);
        }
        return table;
    }

    private static Map<String, List<? extends LookupValue>> tables() {
        Map<String, List<? extends LookupValue>> tables = new LinkedHashMap<>();
        tables.put("payment-statuses", List.of(PaymentStatus.values()));
        tables.put("payment-types", List.of(PaymentType.values()));
        tables.put("payment-channels", List.of(Channel.values()));
        tables.put("currencies", List.of(Currency.values()));
        tables.put("payment-methods", List.of(PaymentMethod.values()));
        tables.put("customer-types", List.of(CustomerType.values()));
        tables.put("tax-groups", List.of(TaxGroup.values()));
        tables.put("unit-codes", List.of(UnitCode.values()));
        tables.put("brands", List.of(DeviceBrand.values()));
        tables.put("providers", List.of(PaymentProvider.values()));
        tables.put("regions", List.of(Region.values()));
        tables.put("value-days", ValueDay.all());
        tables.put("transaction-statuses", List.of(TransactionStatus.values()));
        tables.put("transaction-types", List.of(TransactionType.values()));
        tables.put("card-brands", List.of(CardBrand.values()));
        tables.put("card-origins", List.of(CardOrigin.values()));
        tables.put("card-types", List.of(CardType.values()));
        return java.util.Collections.unmodifiableMap(tables);
    }
}
