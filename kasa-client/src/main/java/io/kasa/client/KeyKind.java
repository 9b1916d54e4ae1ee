package io.kasa.client;

/** What a merchant key is for; written {@code Private}, {@code Public}, {@code Webhook}. */
public enum KeyKind {
    /** A pair for the Physical family: {@code apiclientprivate} + {@code apikeyprivate}. */
    PRIVATE,
    /** A pair for the marketplace family: {@code apiclientpublic} + {@code apikeypublic}. */
    PUBLIC,
    /** The hash key that signs callbacks; has no client part. */
    WEBHOOK
}
