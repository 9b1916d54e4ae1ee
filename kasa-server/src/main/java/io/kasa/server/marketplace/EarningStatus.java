package io.kasa.server.marketplace;

/**
 * Where an earning is on its way to a bank account. The ids are Kasa's
 * {@code MarketPlaceEarningStatusId}.
 */
public enum EarningStatus {
    POOLED(1, "Pooled"), SCHEDULED(2, "Scheduled"), ORDERED(3, "Ordered"), PAID(4, "Paid"), REVERSED(5, "Reversed");

    private final int id;
    private final String wireName;

    EarningStatus(int id, String wireName) {
        this.id = id;
        this.wireName = wireName;
    }

    public int id() {
        return id;
    }

    public String wireName() {
        return wireName;
    }
}
