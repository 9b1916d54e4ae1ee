package io.kasa.terminal;

import java.util.Locale;
import java.util.Objects;

/**
 * How an order ended on the device, as reported in the {@code outcome} message (device protocol
 * 3.2). For a cancel order, {@link Result#APPROVED} means the sale was voided.
 *
 * @param result            approved or declined
 * @param message           what the device shows or the acquirer said; null when there is nothing to say
 * @param card              the card that was read; null when none was (or it is not reported)
 * @param providerReference the acquirer's reference of the transaction; null when there is none
 */
public record Outcome(Result result, String message, Card card, String providerReference) {

    public enum Result {
        APPROVED, DECLINED;

        /** The value of {@code result} on the wire: {@code approved} or {@code declined}. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The card as the device may report it: never a full card number.
     *
     * @param maskedPan the card number with all but the first six and last four digits masked,
     *                  e.g. {@code 4111 11** **** 1234}
     * @param brand     the card scheme, e.g. {@code VISA}
     * @param authCode  the issuer's authorisation code
     */
    public record Card(String maskedPan, String brand, String authCode) {
    }

    public Outcome {
        Objects.requireNonNull(result, "result");
    }

    public static Outcome approved(Card card, String providerReference) {
        return new Outcome(Result.APPROVED, null, card, providerReference);
    }

    public static Outcome declined(String message) {
        return new Outcome(Result.DECLINED, message, null, null);
    }
}
