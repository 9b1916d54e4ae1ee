package io.kasa.client;

import java.math.BigDecimal;

/**
 * A member's value date as the value-date calls answer it: {@code id} is the value date's
 * own integer id (it stays when a later value date overwrites this one), {@code memberId}
 * the member's; the rest as in {@link ValueDate}.
 */
public record MemberValueDate(long id, long memberId, int calculationType, int calculationValue, BigDecimal commission) {

    /** The calculation as a {@link ValueDate}. */
    public ValueDate valueDate() {
        return new ValueDate(calculationType, calculationValue, commission);
    }
}
