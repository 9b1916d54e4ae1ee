package io.kasa.server.payment;

import io.kasa.server.shared.LookupEnum;

import java.util.Arrays;

/**
 * The status of a payment order; the numbers are the wire's {@code PaymentStatusId}, the
 * labels those of Paywall's "Ödeme Durumu" table.
 */
public enum PaymentStatus implements LookupEnum {
    GENERATED(1, "Generated",
            "Oluşturuldu", "Created"),
    SENT_TO_DEVICE(2, "SentToDevice",
            "Cihaza Gönderildi", "Sent to the device"),
    COULD_NOT_SEND_TO_DEVICE(3, "CouldNotSendToDevice",
            "Cihaza Gönderilemedi", "Could not be sent to the device"),
    SUCCESSFUL(4, "Successful",
            "Başarılı", "Successful"),
    FAILED(5, "Failed",
            "Başarısız", "Failed"),
    UNKNOWN(6, "Unknown",
            "Bilinmiyor", "Unknown"),
    PUSH_NOTIFICATION_FAILED(7, "PushNotificationFailed",
            "Bildirim Gönderilemedi (Firebase)", "Notification could not be sent (Firebase push)"),
    SOCKET_NOTIFICATION_FAILED(8, "SocketNotificationFailed",
            "Bildirim Gönderilemedi (Socket)", "Notification could not be sent (socket)"),
    PUSH_NOTIFICATION_SENT(9, "PushNotificationSent",
            "Bildirim Gönderildi (Firebase)", "Notification sent (Firebase push)"),
    SOCKET_NOTIFICATION_SENT(10, "SocketNotificationSent",
            "Bildirim Gönderildi (Socket)", "Notification sent (socket)"),
    TAKEN_BY_DEVICE(11, "TakenByDevice",
            "İşlem Cihaz Tarafından İşleme Alındı", "The device has taken the transaction into processing"),
    WITHDRAWN(12, "Withdrawn",
            "İşlem Geri Çekildi (Satış/İptal/İade)", "Transaction withdrawn (sale/cancel/refund)");

    private final Row row;

    PaymentStatus(int id, String wireName, String tr, String en) {
        this.row = new Row(id, wireName, tr, en);
    }

    @Override
    public Row row() {
        return row;
    }

    /** No transition leaves a final status ({@link Lifecycle#FINAL}). Unknown is not final: the device may still report. */
    public boolean isFinal() {
        return Lifecycle.FINAL.contains(this);
    }

    /** The device has not taken the order, so it may still be withdrawn ({@link Lifecycle#BEFORE_TAKEN}). */
    public boolean isBeforeTaken() {
        return Lifecycle.BEFORE_TAKEN.contains(this);
    }

    public static PaymentStatus of(int id) {
        return Arrays.stream(values()).filter(status -> status.id() == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no payment status " + id));
    }
}
