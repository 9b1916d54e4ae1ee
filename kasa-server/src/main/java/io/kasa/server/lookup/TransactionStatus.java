package io.kasa.server.lookup;

import io.kasa.server.shared.LocalizedText;
import io.kasa.server.shared.LookupValue;

/**
 * {@code StatusId} of Paywall's provider transaction list ("İşlem Durumları (Trx)"), a
 * reporting service Kasa does not offer: listed so that the ids keep their meaning. Not
 * to be confused with {@code PaymentStatusId}.
 */
public enum TransactionStatus implements LookupValue {
    WAITING(1, "Waiting", "Bekliyor", "Waiting"),
    SUCCESS(2, "Success", "Başarılı", "Success"),
    UNSUCCESSFUL(3, "Unsuccessful", "Başarısız", "Unsuccessful"),
    IN_PROGRESS(4, "InProgress", "İşlemde", "In progress"),
    ABANDONED(5, "Abandoned", "Terk edildi", "Abandoned");

    private final int id;
    private final String wireName;
    private final LocalizedText label;

    TransactionStatus(int id, String wireName, String tr, String en) {
        this.id = id;
        this.wireName = wireName;
        this.label = new LocalizedText(tr, en);
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    @Override
    public LocalizedText label() {
        return label;
    }
}
