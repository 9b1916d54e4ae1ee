package io.kasa.server.lookup;

import io.kasa.server.shared.LookupEnum;

/**
 * {@code StatusId} of Paywall's provider transaction list ("İşlem Durumları (Trx)"), a
 * reporting service Kasa does not offer: listed so that the ids keep their meaning. Not
 * to be confused with {@code PaymentStatusId}.
 */
public enum TransactionStatus implements LookupEnum {
    WAITING(1, "Waiting", "Bekliyor", "Waiting"),
    SUCCESS(2, "Success", "Başarılı", "Success"),
    UNSUCCESSFUL(3, "Unsuccessful", "Başarısız", "Unsuccessful"),
    IN_PROGRESS(4, "InProgress", "İşlemde", "In progress"),
    ABANDONED(5, "Abandoned", "Terk edildi", "Abandoned");

    private final Row row;

    TransactionStatus(int id, String wireName, String tr, String en) {
        this.row = new Row(id, wireName, tr, en);
    }

    @Override
    public Row row() {
        return row;
    }
}
