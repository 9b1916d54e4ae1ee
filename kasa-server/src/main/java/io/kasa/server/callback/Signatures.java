package io.kasa.server.callback;

import io.kasa.server.shared.Tokens;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/** The two proofs a callback carries: Paywall's {@code Hash} and Kasa's {@code X-Kasa-Signature}. */
final class Signatures {

    /**
     * Never initialised, only copied: finding HMAC-SHA256 among the security providers cost
     * more than signing a callback. Copying it here, once, also fixes its provider, so that
     * the copies made concurrently only read it.
     */
    private static final Mac HMAC_SHA256 = hmacSha256();

    private Signatures() {
    }

    /** Lower-case hex SHA-256 of {@code key###PaymentRequestId###MerchantUniqueCode###Amount}, the amount as {@code 22.00}. */
    static String hash(String key, UUID paymentRequestId, String merchantUniqueCode, BigDecimal amount) {
        String amountText = amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
        return HexFormat.of().formatHex(Tokens.hash(key + "###" + paymentRequestId + "###" + merchantUniqueCode + "###" + amountText));
    }

    /** {@code t=<seconds>,v1=<hmac>} with one {@code v1} per key, newest key first. */
    static String header(List<String> keys, long epochSeconds, String body) {
        StringBuilder header = new StringBuilder("t=").append(epochSeconds);
        for (String key : keys) {
            header.append(",v1=").append(sign(key, epochSeconds, body));
        }
        return header.toString();
    }

    static String sign(String key, long epochSeconds, String body) {
        try {
            Mac mac = (Mac) HMAC_SHA256.clone();
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((epochSeconds + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException | CloneNotSupportedException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static Mac hmacSha256() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.clone();
            return mac;
        } catch (GeneralSecurityException | CloneNotSupportedException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available or cannot be copied", e);
        }
    }
}
