package io.kasa.server.payment;

import io.kasa.server.shared.LookupValue;

import java.util.Map;

/**
 * The lookup tables sale orders refer to, as id → wire name for validation and the
 * {@code ...Name} fields. Each table is owned by its enum ({@link Currency},
 * {@link PaymentMethod}, …); these maps are views of them.
 */
public final class Lookups {

    public static final Map<Integer, String> CURRENCIES = LookupValue.names(Currency.values());

    public static final Map<Integer, String> PAYMENT_METHODS = LookupValue.names(PaymentMethod.values());

    public static final Map<Integer, String> CUSTOMER_TYPES = LookupValue.names(CustomerType.values());

    public static final Map<Integer, String> TAX_GROUPS = LookupValue.names(TaxGroup.values());

    public static final Map<Integer, String> UNIT_CODES = LookupValue.names(UnitCode.values());

    public static final Map<Integer, String> CHANNELS = LookupValue.names(Channel.values());

    private Lookups() {
    }
}
