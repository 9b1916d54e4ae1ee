package io.kasa.server.marketplace;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where an earning is on its way to a bank account: its {@code MarketPlaceEarningStatusId}.
 * Paywall publishes no table; its samples show 1 "Hesaplandı" (calculated), 4 "Ödeme
 * Başarılı" (paid) and 12 "Tekrar Dene" (retry), and Kasa keeps those three numbers.
 *
 * <p>CALCULATED waits for the merchant's approval and ends REJECTED or approved: SCHEDULED
 * (paid on its reflection date) or, for a platform share under the manual trigger, POOLED
 * (paid by a payout order). ORDERED is taken by a payout; it ends PAID, or FAILED when the
 * bank refuses, from where a retry makes it RETRY, which is paid like SCHEDULED. A cancel
 * makes every earning not yet on its way REVERSED.
 */
public enum EarningStatus {
    CALCULATED(1, "Calculated"), SCHEDULED(2, "Scheduled"), ORDERED(3, "Ordered"), PAID(4, "Paid"),
    REVERSED(5, "Reversed"), POOLED(6, "Pooled"), REJECTED(7, "Rejected"), FAILED(11, "Payout failed"),
    RETRY(12, "Retry");

    /** Paid by the automatic run once their reflection date has come. */
    public static final List<EarningStatus> DUE_FOR_AUTOMATIC_RUN = List.of(SCHEDULED, RETRY);

    /** Not yet on their way to a bank: the earnings operations may change them. */
    public static final List<EarningStatus> CHANGEABLE = List.of(CALCULATED, SCHEDULED, POOLED, FAILED, RETRY);

    /** The names of {@code statuses}, to bind as a SQL array ({@code status = any(:statuses)}). */
    public static String[] names(Collection<EarningStatus> statuses) {
        return statuses.stream().map(Enum::name).toArray(String[]::new);
    }

    private final int id;
    private final String wireName;

    EarningStatus(int id, String wireName) {
        this.id = id;
        this.wireName = wireName;
    }

    /** The status with this {@code MarketPlaceEarningStatusId}, if there is one. */
    public static Optional<EarningStatus> withId(int id) {
        return Arrays.stream(values()).filter(status -> status.id == id).findFirst();
    }

    public int id() {
        return id;
    }

    public String wireName() {
        return wireName;
    }
}
