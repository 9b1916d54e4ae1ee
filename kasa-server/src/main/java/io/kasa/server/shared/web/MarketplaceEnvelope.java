package io.kasa.server.shared.web;

/** The marketplace and member APIs' answer to every request, success or failure. */
public record MarketplaceEnvelope(int errorCode, boolean result, String message, Object body) {

    public static MarketplaceEnvelope success(Object body) {
        return new MarketplaceEnvelope(0, true, null, body);
    }

    public static MarketplaceEnvelope failure(int errorCode, String message) {
        return failure(errorCode, message, null);
    }

    /** A refusal whose {@code Body} still says something, as an approval's per-product reasons. */
    public static MarketplaceEnvelope failure(int errorCode, String message, Object body) {
        return new MarketplaceEnvelope(errorCode, false, message, body);
    }
}
