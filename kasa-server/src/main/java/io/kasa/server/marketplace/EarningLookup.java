package io.kasa.server.marketplace;

import io.kasa.server.shared.MerchantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Optional;

/** A merchant's earnings by the integer ids the reports take (a product's, or one earning), and the latest for the dashboard. */
@Service
public class EarningLookup {

    private final JdbcClient jdbc;

    EarningLookup(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The product's shares, the member's first; empty when the product is not the merchant's or has none. */
    public List<Earning> ofProduct(MerchantId merchant, long productId) {
        return jdbc.sql("select " + Earnings.COLUMNS
                        + " where e.merchant_id = :merchant and pp.paywall_id = :product order by e.member_id nulls last")
                .param("merchant", merchant.value()).param("product", productId)
                .query(Earnings::earning).list();
    }

    /** An earning with its product's name, for lists. */
    public record Listed(Earning earning, String productName) {
    }

    public record Listing(List<Listed> items, long total) {
    }

    /** The merchant's earnings, newest first, in one status or all. */
    public Listing recent(MerchantId merchant, EarningStatus status, long offset, int size) {
        String filter = "e.merchant_id = :merchant and (cast(:status as varchar) is null or e.status = :status)";
        String statusName = status == null ? null : status.name();
        long total = jdbc.sql("select count(*) from earning e where " + filter)
                .param("merchant", merchant.value()).param("status", statusName).query(Long.class).single();
        List<Listed> items = jdbc.sql("select " + Earnings.COLUMNS.replace("e.*,", "e.*, pp.name as product_name,")
                        + " where " + filter + " order by e.id desc limit :limit offset :offset")
                .param("merchant", merchant.value()).param("status", statusName)
                .param("limit", size).param("offset", offset)
                .query((row, n) -> new Listed(Earnings.earning(row, n), row.getString("product_name")))
                .list();
        return new Listing(items, total);
    }

    public Optional<Earning> byId(MerchantId merchant, long earningId) {
        return jdbc.sql("select " + Earnings.COLUMNS + " where e.merchant_id = :merchant and e.id = :id")
                .param("merchant", merchant.value()).param("id", earningId)
                .query(Earnings::earning).optional();
    }
}
