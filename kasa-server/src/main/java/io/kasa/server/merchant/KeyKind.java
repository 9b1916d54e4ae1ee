package io.kasa.server.merchant;

/**
 * The three kinds of merchant credential: the private pair for the Physical API, the public
 * pair for the marketplace and member APIs, and the webhook hash key that signs callbacks.
 */
public enum KeyKind {
    PRIVATE("Private"), PUBLIC("Public"), WEBHOOK("Webhook");

    private final String wireName;

    KeyKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static KeyKind fromWire(String name) {
        for (KeyKind kind : values()) {
            if (kind.wireName.equalsIgnoreCase(name)) {
                return kind;
            }
        }
        return null;
    }
}
