package io.kasa.client;

/**
 * A way to pay that a terminal may offer, the wire's {@code PaymentMethodId} (a sale's {@code Methods}, a product's method).
 * The {@link #id()} is what the wire carries and the {@link #wireName()} what the server writes
 * in its {@code ...Name} fields; both are Paywall's "Ödeme Yöntemleri" table, which Kasa serves at
 * {@code GET /api/lookup/payment-methods}.
 */
public enum PaymentMethod implements LookupValue {

    CASH(1, "Cash"),
    /** Credit card through BKM TechPOS. */
    BKM_TECHPOS(2, "BKMTechPos"),
    /** Multinet meal card. */
    MULTINET(3, "Multinet"),
    EXTERNAL_MEAL_CARDS(4, "ExternalMealCards"),
    /** Metropol meal card. */
    METROPOL(5, "Metropol"),
    EXTERNAL_PAYMENT_GATEWAYS(6, "ExternalPaymentGateways"),
    NO_PAYMENT(7, "NoPayment"),
    BANK_TRANSFER(8, "BankTransfer"),
    OPEN_ACCOUNT(9, "OpenAccount"),
    /** Ticket Restaurant meal card. */
    TICKET_RESTAURANT(10, "TicketRestaurant"),
    ISBANK(11, "Isbank"),
    EXTERNAL_CLOSED_LOOP(12, "ExternalClosedLoop"),
    /** Paye meal card. */
    PAYE(13, "Paye"),
    /** Istanbulkart. */
    ISTANBUL_KART(14, "IstanbulKart");

    private final int id;
    private final String wireName;

    PaymentMethod(int id, String wireName) {
        this.id = id;
        this.wireName = wireName;
    }

    /** The constant with this id; {@link IllegalArgumentException} for an id the table does not hold. */
    public static PaymentMethod of(int id) {
        return LookupValue.byId(PaymentMethod.class, id);
    }

    @Override
    public int id() {
        return id;
    }

    /** The name the server writes, e.g. in {@code GET /api/lookup/payment-methods}. */
    @Override
    public String wireName() {
        return wireName;
    }
}
