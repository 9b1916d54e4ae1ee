package io.kasa.server.payment;

import java.util.Map;

/** The lookup tables of SPEC §9 that sale orders refer to. */
public final class Lookups {

    public static final Map<Integer, String> CURRENCIES = Map.of(
            1, "TRY", 2, "USD", 3, "EUR", 4, "BAM", 5, "MKD", 6, "ALL", 7, "GBP");

    public static final Map<Integer, String> PAYMENT_METHODS = Map.ofEntries(
            Map.entry(1, "Cash"), Map.entry(2, "BKMTechPos"), Map.entry(3, "Multinet"),
            Map.entry(4, "ExternalMealCards"), Map.entry(5, "Metropol"), Map.entry(6, "ExternalPaymentGateways"),
            Map.entry(7, "NoPayment"), Map.entry(8, "BankTransfer"), Map.entry(9, "OpenAccount"),
            Map.entry(10, "TicketRestaurant"), Map.entry(11, "Isbank"), Map.entry(12, "ExternalClosedLoop"),
            Map.entry(13, "Paye"), Map.entry(14, "IstanbulKart"));

    public static final Map<Integer, String> CUSTOMER_TYPES = Map.of(0, "Unknown", 1, "Individual", 2, "Company");

    public static final Map<Integer, String> TAX_GROUPS = Map.of(0, "Zero", 1, "One", 10, "Ten", 20, "Twenty");

    public static final Map<Integer, String> UNIT_CODES = Map.of(
            1, "Kilogram", 2, "Package", 3, "Gram", 4, "Piece", 5, "Litre", 6, "Ton", 7, "Decare",
            8, "Donum", 9, "Metre", 10, "Kilometre");

    public static final Map<Integer, String> CHANNELS = Map.of(1, "Async", 2, "Socket");

    private Lookups() {
    }
}
