package io.kasa.server.marketplace;

import io.kasa.server.shared.MerchantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Optional;

/** A merchant's earnings by the integer ids the reports take: a product's, or one earning. */
@Service
public class EarningLookup {

    private final JdbcClient jdbc;

    EarningLookup(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The product's shares, the member's first; empty when the product is not the merchant's or has none. */
    public List<Earning> ofProduct(MerchantId merchant, long productId) {
        return jdbc.sql("select " + Earnings.COLUMNS
                        + " where e.merchant_id = :merchant and mp.paywall_product_id = :product order by e.member_id nulls last")
                .param("merchant", merchant.value()).param("product", productId)
                .query(Earnings::earning).list();
    }

    public Optional<Earning> byId(MerchantId merchant, long earningId) {
        return jdbc.sql("select " + Earnings.COLUMNS + " where e.merchant_id = :merchant and e.id = :id")
                .param("merchant", merchant.value()).param("id", earningId)
                .query(Earnings::earning).optional();
    }
}
