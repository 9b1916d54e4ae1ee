package io.kasa.server.payment;

/**
 * How a payment has ended up, in the words the merchant's charts use, read from its latest
 * order's type and status: a sale that succeeded is {@code SUCCESSFUL}, and stays so when a
 * cancel of it fails or is dropped; a cancel that succeeded is {@code CANCELLED}; a sale
 * declined, never delivered or withdrawn is {@code FAILED}; anything still open (Unknown
 * included: the device may still report) is {@code PENDING}.
 */
public enum Outcome {
    SUCCESSFUL("Successful"),
    CANCELLED("Cancelled"),
    FAILED("Failed"),
    PENDING("Pending");

    private final String wireName;

    Outcome(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Outcome of(PaymentType type, PaymentStatus status) {
        if (Lifecycle.OPEN.contains(status)) {
            return PENDING;
        }
        boolean succeeded = status == PaymentStatus.SUCCESSFUL;
        if (type == PaymentType.CANCEL) {
            return succeeded ? CANCELLED : SUCCESSFUL;
        }
        return succeeded ? SUCCESSFUL : FAILED;
    }
}
