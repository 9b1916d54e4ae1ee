package io.kasa.client;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import static io.kasa.client.CallbackVerificationException.Reason.BAD_HASH;
import static io.kasa.client.CallbackVerificationException.Reason.BAD_SIGNATURE;
import static io.kasa.client.CallbackVerificationException.Reason.MALFORMED_BODY;
import static io.kasa.client.CallbackVerificationException.Reason.MALFORMED_SIGNATURE;
import static io.kasa.client.CallbackVerificationException.Reason.MISSING_SIGNATURE;
import static io.kasa.client.CallbackVerificationException.Reason.STALE_TIMESTAMP;

/**
 * Checks that a callback received at a {@code CallbackAddress} comes from Kasa and reads it,
 * as {@code docs/callbacks.md} specifies; no network, no client needed.
 *
 * <pre>{@code
 * CallbackVerifier verifier = CallbackVerifier.forKeys(List.of(webhookHashKey));  // old and new during a rotation
 * Callback callback = verifier.verify(rawBodyBytes, request.getHeader(CallbackVerifier.SIGNATURE_HEADER));
 * }</pre>
 *
 * A callback is accepted when, in this order:
 * <ol>
 *   <li>{@code X-Kasa-Signature} is {@code t=<unix seconds>,v1=<hex>[,v1=<hex>…]} (whitespace
 *       around elements allowed, elements other than {@code t} and {@code v1} ignored);</li>
 *   <li>some {@code v1} is {@link #sign(String, long, String) HMAC-SHA256} of
 *       {@code "<t>.<raw body>"} under some configured key, compared in constant time;</li>
 *   <li>{@code t} is within the tolerance of the clock, in the past or the future (a replay
 *       or a skewed clock is refused); the signature is checked first, so this refusal only
 *       ever concerns genuine callbacks;</li>
 *   <li>the body is a callback (a JSON object with the fields {@link Callback} requires);</li>
 *   <li>its {@code Hash} is the {@link #hash Physical POS hash} under a key whose signature
 *       matched. While a key is being rotated Kasa signs with both keys but hashes with the new
 *       one only, so a receiver that holds only the old key cannot check the {@code Hash}: when
 *       the header also carries a {@code v1} that none of the configured keys produced, a
 *       {@code Hash} made with none of them is accepted. The signature covers the body and so
 *       the {@code Hash}, which is Paywall's legacy check and adds no security to it.</li>
 * </ol>
 * Anything else throws {@link CallbackVerificationException}. The headers
 * {@code X-Kasa-Event-Id} and {@code X-Kasa-Sequence} are not signed; the event id is also the
 * signed {@link Callback#paymentRequestActivityId()}.
 *
 * <p>Instances are immutable and thread-safe; build one and reuse it.
 */
public final class CallbackVerifier {

    /** The header that carries the signature. */
    public static final String SIGNATURE_HEADER = "X-Kasa-Signature";

    /** How far {@code t} may be from the verifier's clock unless {@link #withTolerance(Duration)} says otherwise. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private static final String HMAC = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();
    private static final int SIGNATURE_HEX_DIGITS = 64;
    /** Longer would not fit a {@code long}; no clock reaches 19 digits of seconds. */
    private static final int MAX_TIMESTAMP_DIGITS = 18;

    /** The parsed header; {@code timestamp} is kept as sent, since the signed text is {@code "<t>."}. */
    private record Signature(String timestamp, long epochSecond, List<byte[]> v1) {
    }

    private final List<String> keys;
    private final Duration tolerance;
    private final Clock clock;

    private CallbackVerifier(List<String> keys, Duration tolerance, Clock clock) {
        this.keys = keys;
        this.tolerance = tolerance;
        this.clock = clock;
    }

    /**
     * A verifier accepting callbacks signed with any of {@code webhookHashKeys} (the merchant's
     * webhook hash key; during a rotation the old and the new one, in any order), with the
     * {@link #DEFAULT_TOLERANCE} and the system clock.
     *
     * @throws IllegalArgumentException when the list is empty or a key is blank
     */
    public static CallbackVerifier forKeys(List<String> webhookHashKeys) {
        Objects.requireNonNull(webhookHashKeys, "webhookHashKeys");
        List<String> keys = List.copyOf(webhookHashKeys);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one webhook hash key is required");
        }
        if (keys.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("a webhook hash key is blank");
        }
        return new CallbackVerifier(keys, DEFAULT_TOLERANCE, Clock.systemUTC());
    }

    /** The same verifier refusing a {@code t} more than {@code tolerance} before or after its clock. */
    public CallbackVerifier withTolerance(Duration tolerance) {
        Objects.requireNonNull(tolerance, "tolerance");
        if (tolerance.isNegative()) {
            throw new IllegalArgumentException("tolerance must not be negative: " + tolerance);
        }
        return new CallbackVerifier(keys, tolerance, clock);
    }

    /** The same verifier reading the time from {@code clock}. */
    public CallbackVerifier withClock(Clock clock) {
        return new CallbackVerifier(keys, tolerance, Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Verifies a callback given its body as text. The text is encoded as UTF-8 to get the signed
     * bytes, which are the bytes Kasa sent only if the body was decoded as UTF-8 unchanged;
     * prefer {@link #verify(byte[], String)} with the bytes as received.
     *
     * @param signatureHeader the {@code X-Kasa-Signature} value; null when absent
     * @throws CallbackVerificationException when the callback is not accepted
     */
    public Callback verify(String rawBody, String signatureHeader) {
        Objects.requireNonNull(rawBody, "rawBody");
        return verify(rawBody.getBytes(StandardCharsets.UTF_8), signatureHeader);
    }

    /**
     * Verifies a callback given its body exactly as received and its {@code X-Kasa-Signature}
     * (null when absent), and returns the body read.
     *
     * @throws CallbackVerificationException when the callback is not accepted
     */
    public Callback verify(byte[] rawBody, String signatureHeader) {
        Objects.requireNonNull(rawBody, "rawBody");
        Signature signature = parse(signatureHeader);

        byte[] signed = signedBytes(signature.timestamp(), rawBody);
        List<byte[]> expected = keys.stream().map(key -> hmac(key, signed)).toList();
        List<String> signers = new ArrayList<>();
        boolean foreignSignature = false;
        for (byte[] v1 : signature.v1()) {
            boolean known = false;
            for (int i = 0; i < keys.size(); i++) {
                if (MessageDigest.isEqual(expected.get(i), v1)) {
                    known = true;
                    signers.add(keys.get(i));
                }
            }
            foreignSignature |= !known;
        }
        if (signers.isEmpty()) {
            throw new CallbackVerificationException(BAD_SIGNATURE,
                    "no v1 matches the body under the " + keys.size() + " configured key(s)");
        }

        requireFresh(signature.epochSecond());
        Callback callback = read(rawBody);

        byte[] received = callback.hash().getBytes(StandardCharsets.UTF_8);
        boolean hashMatches = false;
        for (String key : signers) {
            hashMatches |= MessageDigest.isEqual(received, expectedHash(key, callback).getBytes(StandardCharsets.UTF_8));
        }
        if (!hashMatches && !foreignSignature) {
            throw new CallbackVerificationException(BAD_HASH,
                    "Hash of payment " + callback.paymentRequestId() + " does not match its fields");
        }
        return callback;
    }

    /**
     * The reference implementation of the callback {@code Hash} (Paywall's Physical POS hash):
     * lower-case hex SHA-256 of the UTF-8 string
     * {@code key###paymentRequestId###merchantUniqueCode###amount}, the id in its canonical
     * lower-case form and the amount with exactly two fraction digits and a dot ({@code 22} as
     * {@code 22.00}, {@code 1.5} as {@code 1.50}).
     *
     * @throws IllegalArgumentException when {@code amount} has a non-zero third fraction digit
     *                                  or beyond (it would need rounding)
     */
    public static String hash(String key, UUID paymentRequestId, String merchantUniqueCode, BigDecimal amount) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(paymentRequestId, "paymentRequestId");
        Objects.requireNonNull(merchantUniqueCode, "merchantUniqueCode");
        String text = key + "###" + paymentRequestId + "###" + merchantUniqueCode + "###" + twoDecimals(amount);
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HEX.formatHex(sha256.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException missing) {
            throw new IllegalStateException("this JDK has no SHA-256", missing);
        }
    }

    /**
     * The reference implementation of a {@code v1} signature: lower-case hex HMAC-SHA256 under
     * the UTF-8 bytes of {@code key} of the UTF-8 bytes of {@code "<t>.<rawBody>"}, {@code t}
     * in decimal. The header is {@code "t=" + t + ",v1=" + sign(key, t, rawBody)}, with one
     * more {@code ",v1=…"} per further key.
     *
     * @throws IllegalArgumentException when {@code key} is empty or {@code t} negative
     */
    public static String sign(String key, long t, String rawBody) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(rawBody, "rawBody");
        if (t < 0) {
            throw new IllegalArgumentException("t must not be negative: " + t);
        }
        return HEX.formatHex(hmac(key, signedBytes(Long.toString(t), rawBody.getBytes(StandardCharsets.UTF_8))));
    }

    private static Signature parse(String header) {
        if (header == null || header.isBlank()) {
            throw new CallbackVerificationException(MISSING_SIGNATURE, "no " + SIGNATURE_HEADER + " header");
        }
        String timestamp = null;
        List<byte[]> v1 = new ArrayList<>();
        for (String element : header.split(",", -1)) {
            String item = element.strip();
            int equals = item.indexOf('=');
            if (equals <= 0 || equals == item.length() - 1) {
                throw malformed("element '" + abbreviate(item) + "' is not name=value");
            }
            String name = item.substring(0, equals);
            String value = item.substring(equals + 1);
            switch (name) {
                case "t" -> {
                    if (timestamp != null) {
                        throw malformed("more than one t");
                    }
                    if (value.length() > MAX_TIMESTAMP_DIGITS || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                        throw malformed("t is not unix seconds: '" + abbreviate(value) + "'");
                    }
                    timestamp = value;
                }
                case "v1" -> v1.add(signatureBytes(value));
                default -> {
                    // Another scheme (a future v2, say): not ours to judge.
                }
            }
        }
        if (timestamp == null) {
            throw malformed("no t");
        }
        if (v1.isEmpty()) {
            throw malformed("no v1");
        }
        return new Signature(timestamp, Long.parseLong(timestamp), List.copyOf(v1));
    }

    private static byte[] signatureBytes(String hex) {
        if (hex.length() != SIGNATURE_HEX_DIGITS) {
            throw malformed("v1 is not " + SIGNATURE_HEX_DIGITS + " hex digits");
        }
        try {
            return HEX.parseHex(hex);
        } catch (IllegalArgumentException notHex) {
            throw malformed("v1 is not " + SIGNATURE_HEX_DIGITS + " hex digits");
        }
    }

    private void requireFresh(long epochSecond) {
        long now = clock.instant().getEpochSecond();
        long skew = now - epochSecond;
        if (Duration.ofSeconds(Math.abs(skew)).compareTo(tolerance) > 0) {
            String direction = skew > 0 ? "behind" : "ahead of";
            throw new CallbackVerificationException(STALE_TIMESTAMP, "t=" + epochSecond + " is " + Math.abs(skew)
                    + " s " + direction + " the clock (tolerance " + tolerance.toSeconds() + " s)");
        }
    }

    private static Callback read(byte[] rawBody) {
        try {
            JsonNode tree = KasaJson.MAPPER.readTree(rawBody);
            if (tree == null || !tree.isObject()) {
                throw new CallbackVerificationException(MALFORMED_BODY, "body is not a JSON object");
            }
            return KasaJson.MAPPER.treeToValue(tree, Callback.class);
        } catch (JacksonException unreadable) {
            throw new CallbackVerificationException(MALFORMED_BODY,
                    "body is not a callback: " + unreadable.getOriginalMessage(), unreadable);
        }
    }

    private static String expectedHash(String key, Callback callback) {
        try {
            return hash(key, callback.paymentRequestId(), callback.merchantUniqueCode(), callback.amount());
        } catch (IllegalArgumentException notMoney) {
            throw new CallbackVerificationException(MALFORMED_BODY, notMoney.getMessage(), notMoney);
        }
    }

    private static String twoDecimals(BigDecimal amount) {
        Objects.requireNonNull(amount, "amount");
        try {
            return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
        } catch (ArithmeticException needsRounding) {
            throw new IllegalArgumentException("Amount has more than two fraction digits: " + amount.toPlainString());
        }
    }

    private static byte[] signedBytes(String timestamp, byte[] rawBody) {
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.US_ASCII);
        byte[] signed = new byte[prefix.length + rawBody.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(rawBody, 0, signed, prefix.length, rawBody.length);
        return signed;
    }

    private static byte[] hmac(String key, byte[] message) {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        if (keyBytes.length == 0) {
            throw new IllegalArgumentException("key must not be empty");
        }
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(keyBytes, HMAC));
            return mac.doFinal(message);
        } catch (GeneralSecurityException missing) {
            throw new IllegalStateException("this JDK has no " + HMAC, missing);
        }
    }

    private static CallbackVerificationException malformed(String detail) {
        return new CallbackVerificationException(MALFORMED_SIGNATURE, detail);
    }

    private static String abbreviate(String text) {
        return text.length() <= 20 ? text : text.substring(0, 20) + "…";
    }
}
