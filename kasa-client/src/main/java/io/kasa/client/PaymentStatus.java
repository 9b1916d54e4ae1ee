package io.kasa.client;

/**
 * Where a payment (or its cancel order) stands, per {@code docs/api.md}: the wire carries the
 * {@link #id()} ({@code PaymentStatus}, {@code PaymentStatusId}) and, in inquiry and list
 * answers, the {@link #wireName()} ({@code SentToDevice}). Every change appends an activity.
 */
public enum PaymentStatus implements LookupValue {

    /** Recorded, not yet handed to the device. */
    GENERATED(1, "Generated", false),
    /** The device has stored the order. */
    SENT_TO_DEVICE(2, "SentToDevice", false),
    /** Not delivered: the order's time ran out before the terminal connected, or a sync call asked for no push. */
    COULD_NOT_SEND_TO_DEVICE(3, "CouldNotSendToDevice", true),
    /** The device reports the payment taken. */
    SUCCESSFUL(4, "Successful", true),
    /** The device reports the payment refused or abandoned. */
    FAILED(5, "Failed", true),
    /** The device took the order but its outcome did not arrive in time; settled when the device reports. */
    UNKNOWN(6, "Unknown", false),
    /** The push gateway refused the notification for an offline terminal. */
    PUSH_NOTIFICATION_FAILED(7, "PushNotificationFailed", false),
    /** Sending the order over the device's live connection failed. */
    SOCKET_NOTIFICATION_FAILED(8, "SocketNotificationFailed", false),
    /** A push notification went to the offline terminal. */
    PUSH_NOTIFICATION_SENT(9, "PushNotificationSent", false),
    /** The order went out over the device's live connection. */
    SOCKET_NOTIFICATION_SENT(10, "SocketNotificationSent", false),
    /** The cashier started the order on the device; it can no longer be rolled back. */
    TAKEN_BY_DEVICE(11, "TakenByDevice", false),
    /** Rolled back by the merchant before the device took it. */
    WITHDRAWN(12, "Withdrawn", true);

    private final int id;
    private final String wireName;
    private final boolean isFinal;

    PaymentStatus(int id, String wireName, boolean isFinal) {
        this.id = id;
        this.wireName = wireName;
        this.isFinal = isFinal;
    }

    /** The status with this id; {@link IllegalArgumentException} for an id outside 1–12. */
    public static PaymentStatus of(int id) {
        return LookupValue.byId(PaymentStatus.class, id);
    }

    @Override
    public int id() {
        return id;
    }

    /** The name the server writes, e.g. {@code SentToDevice}. */
    @Override
    public String wireName() {
        return wireName;
    }

    /**
     * Whether the payment can no longer change on its own: 3, 4, 5 and 12. {@link #UNKNOWN} is
     * not final; it becomes 4 or 5 when the device reports.
     */
    public boolean isFinal() {
        return isFinal;
    }
}
