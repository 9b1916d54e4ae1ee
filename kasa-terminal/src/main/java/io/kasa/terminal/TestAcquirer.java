package io.kasa.terminal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The made-up card acquirer behind the scripted cashier. Its outcomes look like real ones (a
 * masked test card, an authorisation code, a reference) and depend only on the order id, so a
 * test sees the same details on every run and for every report of the same order.
 */
final class TestAcquirer {

    static final String BRAND = "VISA";
    /** The first six digits of the classic VISA test card 4111 1111 1111 1111. */
    static final String BIN = "4111 11";
    static final String DECLINE_MESSAGE = "Declined by the card issuer";

    private static final String AUTH_CODE_CHARACTERS = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    private TestAcquirer() {
    }

    static Outcome outcome(Outcome.Result result, String orderId) {
        return result == Outcome.Result.APPROVED ? approval(orderId) : decline(orderId);
    }

    /** An approval on a masked test card, e.g. {@code 4111 11** **** 0427}, auth code {@code 7K2Q9D}. */
    static Outcome approval(String orderId) {
        byte[] digest = digest(orderId);
        int lastFour = Math.floorMod(((digest[0] & 0xff) << 8 | (digest[1] & 0xff)), 10_000);
        StringBuilder authCode = new StringBuilder();
        for (int i = 2; i < 8; i++) {
            authCode.append(AUTH_CODE_CHARACTERS.charAt((digest[i] & 0xff) % AUTH_CODE_CHARACTERS.length()));
        }
        Outcome.Card card =
                new Outcome.Card(BIN + "** **** " + String.format("%04d", lastFour), BRAND, authCode.toString());
        return Outcome.approved(card, reference(digest));
    }

    static Outcome decline(String orderId) {
        return new Outcome(Outcome.Result.DECLINED, DECLINE_MESSAGE, null, reference(digest(orderId)));
    }

    private static String reference(byte[] digest) {
        return "TA" + HexFormat.of().withUpperCase().formatHex(digest, 8, 16);
    }

    private static byte[] digest(String orderId) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(orderId.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
