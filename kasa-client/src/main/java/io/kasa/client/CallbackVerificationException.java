package io.kasa.client;

import java.io.Serial;
import java.util.Objects;

/**
 * A received callback that {@link CallbackVerifier} does not accept; {@link #reason()} says
 * why. Answer it with a non-2xx status (Kasa retries) and do not act on its body. The message
 * never contains a key.
 */
public final class CallbackVerificationException extends RuntimeException {

    /** Why a callback was refused. */
    public enum Reason {
        /** No {@code X-Kasa-Signature} header, or an empty one. */
        MISSING_SIGNATURE,
        /** The header is not {@code t=<unix seconds>,v1=<64 hex digits>[,v1=…]}. */
        MALFORMED_SIGNATURE,
        /** The signature is genuine but {@code t} is further from the verifier's clock than the tolerance: a replay, or clock skew. */
        STALE_TIMESTAMP,
        /** No {@code v1} is the HMAC of this body under any configured key: forged, altered, or signed with another key. */
        BAD_SIGNATURE,
        /** The signature is genuine but the body's {@code Hash} is not the Physical POS hash of its fields. */
        BAD_HASH,
        /** The signature is genuine but the body is not a callback (not a JSON object, a required field missing or of the wrong type). */
        MALFORMED_BODY
    }

    @Serial
    private static final long serialVersionUID = 1L;

    private final Reason reason;

    CallbackVerificationException(Reason reason, String detail) {
        this(reason, detail, null);
    }

    CallbackVerificationException(Reason reason, String detail, Throwable cause) {
        super(Objects.requireNonNull(reason, "reason") + ": " + detail, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
