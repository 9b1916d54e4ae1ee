package io.kasa.server.marketplace;

import io.kasa.server.cluster.NodeCache;
import io.kasa.server.cluster.NodeCaches;
import io.kasa.server.shared.BusinessTime;
import io.kasa.server.shared.MerchantId;
import io.kasa.server.shared.SqlTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Reads and writes marketplace settings; a merchant that never set them has everything off.
 * What {@link #get} answers is kept on the node (every sale with a cargo or discount asks);
 * each {@link #update} forgets it on every node.
 */
@Service
public class MarketplaceSettingsStore {

    private final JdbcClient jdbc;
    private final BusinessTime time;
    private final NodeCache<UUID, MarketplaceSettings> kept;

    MarketplaceSettingsStore(JdbcClient jdbc, BusinessTime time, NodeCaches caches) {
        this.jdbc = jdbc;
        this.time = time;
        this.kept = caches.create("marketplace-settings", (merchant, settings) -> merchant);
    }

    public MarketplaceSettings get(MerchantId merchant) {
        return kept.get(merchant.value(), this::read);
    }

    private MarketplaceSettings read(UUID merchant) {
        return jdbc.sql("select * from marketplace_settings where merchant_id = :merchant")
                .param("merchant", merchant)
                .query((row, n) -> new MarketplaceSettings(row.getBoolean("marketplace_enabled"),
                        row.getBoolean("manual_trigger"), row.getString("platform_iban"), row.getString("platform_title"),
                        row.getBoolean("automatic_approval")))
                .optional().orElse(MarketplaceSettings.OFF);
    }

    /**
     * Changes the merchant's settings from what they are under the row's lock, not from what
     * this node keeps: a change made through another node a moment ago, not yet heard of here,
     * is what {@code change} starts from, and two changes at once apply one after the other.
     */
    @Transactional
    public MarketplaceSettings update(MerchantId merchant, UnaryOperator<MarketplaceSettings> change) {
        MarketplaceSettings changed = change.apply(lock(merchant));
        put(merchant, changed);
        return changed;
    }

    private void put(MerchantId merchant, MarketplaceSettings settings) {
        jdbc.sql("""
                        insert into marketplace_settings (merchant_id, marketplace_enabled, manual_trigger, platform_iban,
                            platform_title, automatic_approval, updated_at)
                        values (:merchant, :enabled, :manual, :iban, :title, :automatic, :now)
                        on conflict (merchant_id) do update set marketplace_enabled = excluded.marketplace_enabled,
                            manual_trigger = excluded.manual_trigger, platform_iban = excluded.platform_iban,
                            platform_title = excluded.platform_title, automatic_approval = excluded.automatic_approval,
                            updated_at = excluded.updated_at""")
                .param("merchant", merchant.value()).param("enabled", settings.marketplaceEnabled())
                .param("manual", settings.manualTrigger()).param("iban", settings.platformIban())
                .param("title", settings.platformTitle()).param("automatic", settings.automaticApproval())
                .param("now", SqlTime.of(time.now()))
                .update();
        kept.forget(merchant.value());
    }

    /**
     * Locks the merchant's settings row for the rest of the transaction, creating it if needed
     * (with everything off, as {@link #get} answers without one), and reads it under the lock.
     */
    MarketplaceSettings lock(MerchantId merchant) {
        jdbc.sql("""
                        insert into marketplace_settings (merchant_id, updated_at) values (:merchant, :now)
                        on conflict (merchant_id) do nothing""")
                .param("merchant", merchant.value()).param("now", SqlTime.of(time.now())).update();
        jdbc.sql("select merchant_id from marketplace_settings where merchant_id = :merchant for update")
                .param("merchant", merchant.value()).query(UUID.class).single();
        return read(merchant.value());
    }
}
