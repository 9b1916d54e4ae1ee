package io.kasa.server.marketplace;

import io.kasa.server.shared.LocalizedText;

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
    CALCULATED(1, "Calculated", "Hesaplandı"), SCHEDULED(2, "Scheduled", "Planlandı"), ORDERED(3, "Ordered", "Ödeme Emri Verildi"),
    PAID(4, "Paid", "Ödeme Başarılı"), REVERSED(5, "Reversed", "İptal Edildi"), POOLED(6, "Pooled", "Havuzda"),
    REJECTED(7, "Rejected", "Reddedildi"), FAILED(11, "Payout failed", "Ödeme Başarısız"), RETRY(12, "Retry", "Tekrar Dene");

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
    private final LocalizedText label;

    EarningStatus(int id, String wireName, String turkishName) {
        this.id = id;
        this.wireName = wireName;
        this.label = new LocalizedText(turkishName, wireName);
    }

    /** The status with this {@code MarketPlaceEarningStatusId}, if there is one. */
    public static Optional<EarningStatus> withId(int id) {
        return Arrays.stream(values()).filter(status -> status.id == id).findFirst();
    }

    public int id() {
        return id;
    }

    /** The English name, which Kasa's own views (the dashboard) show. */
    public String wireName() {
        return wireName;
    }

    /**
     * The {@code MarketPlaceEarningStatus} of Paywall's reports: Turkish by default, as its
     * samples show ("Hesaplandı", "Ödeme Başarılı", "Tekrar Dene"), English for {@code locale} en.
     */
    public LocalizedText label() {
        return label;
    }
}
