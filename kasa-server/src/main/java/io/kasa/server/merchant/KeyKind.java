package io.kasa.server.merchant;

import io.kasa.server.shared.Validation;

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

    /** The kind a request names as {@code Kind}; refused naming the field when absent or unknown. */
    public static KeyKind required(String name) {
        KeyKind kind = fromWire(Validation.required("Kind", name));
        if (kind == null) {
            throw Validation.invalid("Kind Private, Public veya Webhook olmalıdır",
                    "Kind must be Private, Public or Webhook");
        }
        return kind;
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
