package io.kasa.server.marketplace;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * Sends money to a bank account. {@code transferId} makes a transfer idempotent: calling
 * again with an id the bank already executed answers success without moving money twice,
 * so an interrupted payout can always be retried. {@code description} is the transfer's text
 * on the receipt (an approval's {@code Payout.Description}), or null for none.
 */
public interface PayoutProvider {

    record Transfer(boolean succeeded, String message) {
    }

    Transfer transfer(UUID transferId, String iban, String description, int currencyId, BigDecimal amount);
}
