package io.kasa.server.lookup;

import io.kasa.server.shared.LookupEnum;

/**
 * {@code TypeId} of Paywall's provider transaction list ("İşlem Tipleri (Trx)"), listed so
 * that the ids keep their meaning; Kasa's own payments use {@code PaymentTypeId}.
 */
public enum TransactionType implements LookupEnum {
    SALE(1, "Sale", "Satış/Ödeme", "Sale/Payment"),
    CANCEL(2, "Cancel", "İptal", "Cancel"),
    REFUND(3, "Refund", "İade", "Refund"),
    ABANDONED(4, "Abandoned", "Terk edildi", "Abandoned"),
    MATCHED_REFUND(5, "MatchedRefund", "Eşlenikli iade", "Matched refund"),
    UNMATCHED_REFUND(6, "UnmatchedRefund", "Eşleniksiz iade", "Unmatched refund"),
    PRE_AUTHORISATION(7, "PreAuthorisation", "Ön provizyon", "Pre-authorisation"),
    PRE_AUTHORISATION_CLOSE(8, "PreAuthorisationClose", "Ön provizyon kapama", "Pre-auth close"),
    LOYALTY_INSTALLMENT(9, "LoyaltyInstallment", "Sadakat taksit", "Loyalty installment"),
    LOYALTY_POINT_INQUIRY(10, "LoyaltyPointInquiry", "Sadakat puan sorgulama", "Loyalty point inquiry"),
    LOYALTY_POINT_USAGE(11, "LoyaltyPointUsage", "Sadakat puan kullanımı", "Loyalty point usage"),
    QR_CREATE(12, "QrCreate", "QR oluşturma", "QR create"),
    QR_INQUIRY(13, "QrInquiry", "QR sorgulama", "QR inquiry"),
    POINT_SALE(14, "PointSale", "Puanlı satış", "Point sale"),
    POINT_INSTALLMENT(15, "PointInstallment", "Puanlı taksit", "Point installment");

    private final Row row;

    TransactionType(int id, String wireName, String tr, String en) {
        this.row = new Row(id, wireName, tr, en);
    }

    @Override
    public Row row() {
        return row;
    }
}
