package io.kasa.client;

/**
 * The life of an async pair request, written {@code Pending}, {@code WaitingForConfirmation},
 * {@code Completed}, {@code Expired}, {@code Cancelled}.
 */
public enum PairAsyncStatus {
    /** Waiting for a device to enter the code. */
    PENDING,
    /** A device entered the code; the merchant's confirmation is awaited. */
    WAITING_FOR_CONFIRMATION,
    /** Confirmed: the terminal is paired with the device; the request has a {@code TerminalPairId}. */
    COMPLETED,
    /** Its time ran out before a device entered the code or before the merchant confirmed. */
    EXPIRED,
    /** Deleted by the merchant or replaced by a newer request for the same terminal. */
    CANCELLED
}
