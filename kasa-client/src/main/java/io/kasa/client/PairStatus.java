package io.kasa.client;

/** The life of a pair request, written {@code Pending}, {@code Completed}, {@code Expired}, {@code Cancelled}. */
public enum PairStatus {
    /** Waiting for the device to send the code. */
    PENDING,
    /** The device paired with the code; the request has a {@code TerminalPairId}. */
    COMPLETED,
    /** The code's time ran out unused. */
    EXPIRED,
    /** Cancelled by the merchant or replaced by a newer request for the same terminal. */
    CANCELLED
}
