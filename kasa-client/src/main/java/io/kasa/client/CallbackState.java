package io.kasa.client;

/** Where a callback delivery stands; written {@code Pending}, {@code Delivered}, {@code Dead}. */
public enum CallbackState {
    /** Not yet answered with a 2xx; Kasa tries again at {@link CallbackDelivery#nextAttemptDate()}. */
    PENDING,
    /** The target answered a try with a 2xx. */
    DELIVERED,
    /** Kasa gave up after retrying for at least 3 days; {@link Callbacks#resend(java.util.UUID)} queues it again. */
    DEAD
}
