package io.kasa.server.payment;

/** How the merchant asked: answered at once (async) or held until the outcome (sync, "Socket"). */
public enum Channel {
    ASYNC(1, "Async"), SYNC(2, "Socket");

    private final int id;
    private final String wireName;

    Channel(int id, String wireName) {
        this.id = id;
        this.wireName = wireName;
    }

    public int id() {
        return id;
    }

    public String wireName() {
        return wireName;
    }

    public static Channel of(int id) {
        return id == 1 ? ASYNC : SYNC;
    }
}
