package io.kasa.server.payment;

import java.util.Arrays;

/** The status of a payment order; the numbers are the wire's {@code PaymentStatusId}. */
public enum PaymentStatus {
    GENERATED(1, "Generated"),
    SENT_TO_DEVICE(2, "SentToDevice"),
    COULD_NOT_SEND_TO_DEVICE(3, "CouldNotSendToDevice"),
    SUCCESSFUL(4, "Successful"),
    FAILED(5, "Failed"),
    UNKNOWN(6, "Unknown"),
    PUSH_NOTIFICATION_FAILED(7, "PushNotificationFailed"),
    SOCKET_NOTIFICATION_FAILED(8, "SocketNotificationFailed"),
    PUSH_NOTIFICATION_SENT(9, "PushNotificationSent"),
    SOCKET_NOTIFICATION_SENT(10, "SocketNotificationSent"),
    TAKEN_BY_DEVICE(11, "TakenByDevice"),
    WITHDRAWN(12, "Withdrawn");

    private final int id;
    private final String wireName;

    PaymentStatus(int id, String wireName) {
        this.id = id;
        this.wireName = wireName;
    }

    public int id() {
        return id;
    }

    public String wireName() {
        return wireName;
    }

    /** No transition leaves a final status. Unknown (6) is not final: the device may still report. */
    public boolean isFinal() {
        return this == COULD_NOT_SEND_TO_DEVICE || this == SUCCESSFUL || this == FAILED || this == WITHDRAWN;
    }

    /** Statuses in which the device has not taken the order, so it may still be withdrawn. */
    public boolean isBeforeTaken() {
        return this == GENERATED || this == SENT_TO_DEVICE || this == PUSH_NOTIFICATION_FAILED
                || this == SOCKET_NOTIFICATION_FAILED || this == PUSH_NOTIFICATION_SENT || this == SOCKET_NOTIFICATION_SENT;
    }

    public static PaymentStatus of(int id) {
        return Arrays.stream(values()).filter(status -> status.id == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no payment status " + id));
    }
}
