package io.kasa.server.payment;

import io.kasa.server.shared.LookupEnum;

/** The wire's {@code PaymentMethodId} (Paywall's "Ödeme Yöntemleri" table): the tenders a device may offer. */
public enum PaymentMethod implements LookupEnum {
    CASH(1, "Cash", "Nakit", "Cash"),
    BKM_TECHPOS(2, "BKMTechPos", "BKMTechPos", "BKMTechPos (credit card)"),
    MULTINET(3, "Multinet", "Multinet", "Multinet (meal card)"),
    EXTERNAL_MEAL_CARDS(4, "ExternalMealCards", "Harici Yemek Kartları", "External meal cards"),
    METROPOL(5, "Metropol", "Metropol", "Metropol (meal card)"),
    EXTERNAL_PAYMENT_GATEWAYS(6, "ExternalPaymentGateways", "Harici Ödeme Geçitleri", "External payment gateways"),
    NO_PAYMENT(7, "NoPayment", "Ödemesiz", "No payment"),
    BANK_TRANSFER(8, "BankTransfer", "Havale", "Bank transfer"),
    OPEN_ACCOUNT(9, "OpenAccount", "Açık Hesap", "Open account"),
    TICKET_RESTAURANT(10, "TicketRestaurant", "Ticket Restaurant", "Ticket Restaurant (meal card)"),
    ISBANK(11, "Isbank", "İşbank", "Isbank"),
    EXTERNAL_CLOSED_LOOP(12, "ExternalClosedLoop", "Harici Kapalı Devre", "External closed loop"),
    PAYE(13, "Paye", "Paye", "Paye (meal card)"),
    ISTANBUL_KART(14, "IstanbulKart", "İstanbul Kart", "Istanbulkart");

    private final Row row;

    PaymentMethod(int id, String wireName, String tr, String en) {
        this.row = new Row(id, wireName, tr, en);
    }

    @Override
    public Row row() {
        return row;
    }
}
