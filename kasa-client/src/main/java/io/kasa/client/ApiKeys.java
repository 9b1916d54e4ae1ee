package io.kasa.client;

import java.util.Objects;

/** One client/secret pair as sent in headers; {@link #toString()} never shows the secret. */
record ApiKeys(String client, String secret) {

    ApiKeys {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
        return "ApiKeys[client=" + client + ", secret=***]";
    }
}
