package io.kasa.server.payment;

import io.kasa.server.shared.MerchantId;

/**
 * Whether a merchant runs a marketplace, as the marketplace feature answers it: a sale
 * product's cargo and discount arrangements are accepted only on a product with a member in
 * such an account.
 */
public interface MarketplaceAccounts {

    boolean enabled(MerchantId merchant);
}
