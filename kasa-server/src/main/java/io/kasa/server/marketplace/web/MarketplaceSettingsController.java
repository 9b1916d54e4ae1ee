package io.kasa.server.marketplace.web;

import io.kasa.server.marketplace.MarketplaceSettings;
import io.kasa.server.marketplace.MarketplaceSettingsStore;
import io.kasa.server.member.Iban;
import io.kasa.server.merchant.Merchants;
import io.kasa.server.shared.MerchantId;
import io.kasa.server.shared.Validation;
import io.kasa.server.shared.web.MarketplaceEnvelope;
import io.kasa.server.shared.web.PhysicalEnvelope;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/**
 * Marketplace settings: the merchant reads and sets its own (public pair), the operator any
 * merchant's (admin token).
 */
@RestController
class MarketplaceSettingsController {

    private final MarketplaceSettingsStore store;
    private final Merchants merchants;

    MarketplaceSettingsController(MarketplaceSettingsStore store, Merchants merchants) {
        this.store = store;
        this.merchants = merchants;
    }

    /** {@code AutomaticApproval} absent keeps the stored value, so a client that does not know it changes nothing. */
    record SettingsBody(Boolean marketplaceEnabled, Boolean manualTrigger, String platformIban, String platformAccountTitle,
                        Boolean automaticApproval) {
    }

    record SettingsView(boolean marketplaceEnabled, boolean manualTrigger, String platformIban, String platformAccountTitle,
                        boolean automaticApproval) {
        static SettingsView of(MarketplaceSettings settings) {
            return new SettingsView(settings.marketplaceEnabled(), settings.manualTrigger(), settings.platformIban(),
                    settings.platformTitle(), settings.automaticApproval());
        }
    }

    @GetMapping("/api/paywall/marketplace/settings")
    MarketplaceEnvelope get(MerchantId merchant) {
        return MarketplaceEnvelope.success(SettingsView.of(store.get(merchant)));
    }

    @PutMapping("/api/paywall/marketplace/settings")
    MarketplaceEnvelope put(MerchantId merchant, @RequestBody SettingsBody body) {
        return MarketplaceEnvelope.success(SettingsView.of(store.update(merchant, stored -> settings(body, stored))));
    }

    @GetMapping("/admin/merchants/{merchantId}/marketplace")
    PhysicalEnvelope adminGet(@PathVariable UUID merchantId) {
        MerchantId merchant = new MerchantId(merchantId);
        merchants.get(merchant);
        return PhysicalEnvelope.success(SettingsView.of(store.get(merchant)));
    }

    @PutMapping("/admin/merchants/{merchantId}/marketplace")
    PhysicalEnvelope adminPut(@PathVariable UUID merchantId, @RequestBody SettingsBody body) {
        MerchantId merchant = new MerchantId(merchantId);
        merchants.get(merchant);
        return PhysicalEnvelope.success(SettingsView.of(store.update(merchant, stored -> settings(body, stored))));
    }

    private static MarketplaceSettings settings(SettingsBody body, MarketplaceSettings stored) {
        String iban = body.platformIban() == null || body.platformIban().isBlank() ? null : Iban.normalise(body.platformIban());
        if (iban != null && !Iban.isValid(iban)) {
            throw Validation.invalid("PlatformIban geçerli bir IBAN değil", "PlatformIban is not a valid IBAN");
        }
        return new MarketplaceSettings(Validation.required("MarketplaceEnabled", body.marketplaceEnabled()),
                Validation.required("ManualTrigger", body.manualTrigger()), iban,
                Validation.optionalText("PlatformAccountTitle", body.platformAccountTitle(), 100),
                body.automaticApproval() == null ? stored.automaticApproval() : body.automaticApproval());
    }
}
