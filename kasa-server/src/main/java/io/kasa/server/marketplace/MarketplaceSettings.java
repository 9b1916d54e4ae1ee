package io.kasa.server.marketplace;

/**
 * A merchant's marketplace settings. With {@code manualTrigger} off, platform earnings are
 * paid automatically on their payable date; with it on they wait in the pool for a payout
 * order. Payouts of platform earnings go to the platform's own account. With
 * {@code automaticApproval} on, a sale's earnings are approved as soon as they are calculated;
 * off (Paywall's default) they wait for the merchant's approval.
 */
public record MarketplaceSettings(boolean marketplaceEnabled, boolean manualTrigger, String platformIban,
                                  String platformTitle, boolean automaticApproval) {

    public static final MarketplaceSettings OFF = new MarketplaceSettings(false, false, null, null, false);
}
