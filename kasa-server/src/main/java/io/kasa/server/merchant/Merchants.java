package io.kasa.server.merchant;

import io.kasa.server.cluster.NodeCache;
import io.kasa.server.cluster.NodeCaches;
import io.kasa.server.shared.BusinessTime;
import io.kasa.server.shared.KasaError;
import io.kasa.server.shared.KasaException;
import io.kasa.server.shared.MerchantId;
import io.kasa.server.shared.SqlTime;
import io.kasa.server.shared.Validation;
import io.kasa.server.shared.web.Paging;
import io.kasa.server.terminal.Connections;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Merchant accounts. A new merchant gets its default connection and its first credentials. */
@Service
public class Merchants {

    private final JdbcClient jdbc;
    private final BusinessTime time;
    private final MerchantKeys keys;
    private final Connections connections;
    /** Each merchant's own order time-to-live, read by every sale; forgotten when it is set. */
    private final NodeCache<UUID, Optional<Duration>> orderTtls;

    Merchants(JdbcClient jdbc, BusinessTime time, MerchantKeys keys, Connections connections, NodeCaches caches) {
        this.jdbc = jdbc;
        this.time = time;
        this.keys = keys;
        this.connections = connections;
        this.orderTtls = caches.create("merchant-order-ttls", (merchant, ttl) -> merchant);
    }

    /**
     * A new merchant named {@code name} (1–100 characters, stripped; refused naming {@code Name}
     * otherwise), the one rule for the operator API and the operator's dashboard.
     */
    @Transactional
    public CreatedMerchant create(String name, boolean demo) {
        name = Validation.text("Name", name, 100);
        UUID id = UUID.randomUUID();
        Instant now = time.now();
        jdbc.sql("insert into merchant (id, name, is_demo, created_at) values (:id, :name, :demo, :now)")
                .param("id", id).param("name", name).param("demo", demo).param("now", SqlTime.of(now))
                .update();
        MerchantId merchant = new MerchantId(id);
        UUID connectionId = connections.createDefault(merchant);
        List<IssuedKey> issued = List.of(
                keys.issue(merchant, KeyKind.PRIVATE),
                keys.issue(merchant, KeyKind.PUBLIC),
                keys.issue(merchant, KeyKind.WEBHOOK));
        return new CreatedMerchant(new Merchant(id, name, demo, now), connectionId, issued);
    }

    /** Merchants in the order they were created (the operator API's order). */
    public Paging.Page<Merchant> list(Paging paging) {
        return list(paging, false);
    }

    /** Merchants oldest or newest first. */
    public Paging.Page<Merchant> list(Paging paging, boolean newestFirst) {
        long total = jdbc.sql("select count(*) from merchant").query(Long.class).single();
        String order = newestFirst ? "created_at desc, id desc" : "created_at, id";
        List<Merchant> items = jdbc.sql("select * from merchant order by " + order + " limit :limit offset :offset")
                .param("limit", paging.size()).param("offset", paging.offset())
                .query(Merchants::merchant)
                .list();
        return paging.page(items, total);
    }

    public Merchant get(MerchantId id) {
        return jdbc.sql("select * from merchant where id = :id")
                .param("id", id.value())
                .query(Merchants::merchant)
                .optional()
                .orElseThrow(() -> new KasaException(KasaError.MERCHANT_NOT_FOUND));
    }

    /** How long this merchant's undelivered orders wait for the device, when it set its own. */
    public Optional<Duration> orderTtl(MerchantId merchant) {
        return orderTtls.get(merchant.value(), id -> jdbc.sql("select order_ttl_seconds from merchant where id = :id")
                .param("id", id)
                .query((row, n) -> Optional.ofNullable((Integer) row.getObject(1)))
                .optional()
                .flatMap(ttl -> ttl.map(Duration::ofSeconds)));
    }

    /** Sets (or, with null, clears) the merchant's own order time-to-live. */
    @Transactional
    public void setOrderTtl(MerchantId merchant, Duration ttl) {
        get(merchant);
        jdbc.sql("update merchant set order_ttl_seconds = :ttl where id = :id")
                .param("ttl", ttl == null ? null : (int) ttl.toSeconds()).param("id", merchant.value())
                .update();
        orderTtls.forget(merchant.value());
    }

    public Optional<Merchant> demo() {
        return jdbc.sql("select * from merchant where is_demo order by created_at limit 1")
                .query(Merchants::merchant)
                .optional();
    }

    private static Merchant merchant(ResultSet row, int n) throws SQLException {
        return new Merchant(row.getObject("id", UUID.class), row.getString("name"), row.getBoolean("is_demo"),
                SqlTime.read(row, "created_at"));
    }
}
