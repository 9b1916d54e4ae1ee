package io.kasa.server.payment;

import io.kasa.server.shared.MerchantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the payment package publishes of a sale's products, for the marketplace, which
 * reads no payment table itself: the products a successful sale's earnings are computed
 * from, and a merchant's products by their integer {@code ProductId}. It publishes reads
 * only: the marketplace orders its changes of a sale against the sale's cancel with a lock
 * of its own, taken after the payment row (see {@link Orders}). Every query filters on the
 * merchant where the caller names a sale by the integer ids a merchant sends, so another
 * merchant's ids are not found, exactly like ids nobody has.
 */
@Component
public class SoldProducts {

    /** A sale with its products in the order they were sold; {@code paymentId} is its integer {@code PaymentId}. */
    public record Sale(UUID id, long paymentId, int currencyId, List<Product> products) {

        public Sale {
            products = List.copyOf(products);
        }
    }

    /**
     * A product as the sale recorded it: {@code productId} is its integer {@code ProductId},
     * {@code memberId} the integer {@code MemberId} it was sold for (null: none),
     * {@code memberEarning} the member's share the platform sent (null: none), then its cargo
     * and discount arrangement as sent, with their integer ids (null when absent).
     */
    public record Product(UUID id, UUID saleId, long paymentId, long productId, int position, String name,
                          BigDecimal amount, Long memberId, BigDecimal memberEarning, Long cargoId, Integer cargoType,
                          BigDecimal cargoCost, Long discountId, Integer discountOwnerType, Integer discountType,
                          BigDecimal discount) {
    }

    private static final String PRODUCTS = """
            select pp.*, p.id as sale_id, p.paywall_id as payment_number, p.currency_id
            from payment p left join payment_product pp on pp.payment_id = p.id
            """;

    private final JdbcClient jdbc;

    SoldProducts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The sale {@code saleId} (a payment GUID Kasa gave it), with its products. */
    public Sale of(UUID saleId) {
        return sale(jdbc.sql(PRODUCTS + "where p.id = :id order by pp.position").param("id", saleId)
                .query(SoldProducts::row).list()).orElseThrow();
    }

    /** The merchant's sale with the integer {@code PaymentId} {@code paymentId}; empty when it has none. */
    public Optional<Sale> of(MerchantId merchant, long paymentId) {
        return sale(jdbc.sql(PRODUCTS + "where p.paywall_id = :id and p.merchant_id = :merchant order by pp.position")
                .param("id", paymentId).param("merchant", merchant.value()).query(SoldProducts::row).list());
    }

    /** The merchant's products among the integer {@code ProductIds}, in no particular order. */
    public List<Product> products(MerchantId merchant, List<Long> productIds) {
        return jdbc.sql(PRODUCTS + "where p.merchant_id = :merchant and pp.paywall_id = any(:ids)")
                .param("merchant", merchant.value()).param("ids", productIds.toArray(Long[]::new))
                .query(SoldProducts::row).list().stream().map(Row::product).toList();
    }

    private static Optional<Sale> sale(List<Row> rows) {
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<Product> products = new ArrayList<>();
        for (Row row : rows) {
            if (row.product() != null) {
                products.add(row.product());
            }
        }
        Row first = rows.getFirst();
        return Optional.of(new Sale(first.saleId(), first.paymentId(), first.currencyId(), products));
    }

    private record Row(UUID saleId, long paymentId, int currencyId, Product product) {
    }

    private static Row row(ResultSet row, int n) throws SQLException {
        UUID saleId = row.getObject("sale_id", UUID.class);
        long paymentId = row.getLong("payment_number");
        if (row.getObject("id") == null) {
            return new Row(saleId, paymentId, row.getInt("currency_id"), null);
        }
        Product product = new Product(row.getObject("id", UUID.class), saleId, paymentId, row.getLong("paywall_id"),
                row.getInt("position"), row.getString("name"), row.getBigDecimal("amount"), (Long) row.getObject("member_id"),
                row.getBigDecimal("member_earning"), (Long) row.getObject("cargo_id"), integer(row, "cargo_type"),
                row.getBigDecimal("cargo_cost"), (Long) row.getObject("discount_id"), integer(row, "discount_owner_type"),
                integer(row, "discount_type"), row.getBigDecimal("discount"));
        return new Row(saleId, paymentId, row.getInt("currency_id"), product);
    }

    private static Integer integer(ResultSet row, String column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? null : value;
    }
}
