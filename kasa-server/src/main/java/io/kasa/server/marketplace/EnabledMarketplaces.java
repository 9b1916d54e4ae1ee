package io.kasa.server.marketplace;

import io.kasa.server.payment.MarketplaceAccounts;
import io.kasa.server.shared.MerchantId;
import org.springframework.stereotype.Component;

/** Tells the payment feature which merchants run a marketplace, from their marketplace settings. */
@Component
class EnabledMarketplaces implements MarketplaceAccounts {

    private final MarketplaceSettingsStore settings;

    EnabledMarketplaces(MarketplaceSettingsStore settings) {
        this.settings = settings;
    }

    @Override
    public boolean enabled(MerchantId merchant) {
        return settings.get(merchant).marketplaceEnabled();
    }
}
