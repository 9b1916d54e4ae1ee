package io.kasa.server.marketplace;

import io.kasa.server.payment.SoldProducts;
import io.kasa.server.shared.MerchantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The products of the sales whose earnings the marketplace calculated, as it keeps them
 * ({@code marketplace_product}, see V21__marketplace_products.sql), and the marketplace's own
 * lock of a sale: its kept products' rows. Every change of a sale's earnings and debts holds
 * that lock: the merchant's approvals, rejections, earnings operations and debt changes, and
 * a cancel's reversal, which runs in the cancel's status change. So two of them on one sale
 * run one after the other, never interleaved, and the marketplace locks no payment row.
 *
 * <p>The lock's place in Kasa's one lock order is written in {@code io.kasa.server.payment.Orders}:
 * after the payment row (which a status change, and so a cancel's reversal, holds already),
 * before the sale's earnings and then its debts. A marketplace operation starts at this lock
 * and never takes a payment row after it, not even through a foreign key's check: no
 * marketplace table refers to a payment table (V23__marketplace_refers_to_its_own_products.sql).
 */
@Component
class MarketplaceProducts {

    private final JdbcClient jdbc;

    MarketplaceProducts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Keeps the sale's products as the marketplace's reports show them, with the integer ids
     * the merchant names them by, in one statement. Runs in the transaction that calculates
     * the sale's earnings, before them: an earning or a debt refers to its kept product.
     */
    void keep(MerchantId merchant, SoldProducts.Sale sale) {
        List<SoldProducts.Product> products = sale.products();
        jdbc.sql("""
                        insert into marketplace_product (id, merchant_id, payment_id, paywall_payment_id, paywall_product_id,
                            position, name, amount, member_id, cargo_id, cargo_type, cargo_cost, discount_id,
                            discount_owner_type, discount_type, discount)
                        select line.id, :merchant, :payment, :paymentNumber, line.product_id, line.position, line.name,
                            line.amount, line.member_id, line.cargo_id, line.cargo_type, line.cargo_cost, line.discount_id,
                            line.discount_owner_type, line.discount_type, line.discount
                        from unnest(cast(:ids as uuid[]), cast(:productIds as bigint[]), cast(:positions as smallint[]),
                            cast(:names as varchar[]), cast(:amounts as numeric[]), cast(:members as bigint[]),
                            cast(:cargoIds as bigint[]), cast(:cargoTypes as smallint[]), cast(:cargoCosts as numeric[]),
                            cast(:discountIds as bigint[]), cast(:discountOwners as smallint[]),
                            cast(:discountTypes as smallint[]), cast(:discounts as numeric[]))
                            as line(id, product_id, position, name, amount, member_id, cargo_id, cargo_type, cargo_cost,
                                    discount_id, discount_owner_type, discount_type, discount)""")
                .param("merchant", merchant.value()).param("payment", sale.id()).param("paymentNumber", sale.paymentId())
                .param("ids", products.stream().map(SoldProducts.Product::id).toArray(UUID[]::new))
                .param("productIds", products.stream().map(SoldProducts.Product::productId).toArray(Long[]::new))
                .param("positions", products.stream().map(SoldProducts.Product::position).toArray(Integer[]::new))
                .param("names", products.stream().map(SoldProducts.Product::name).toArray(String[]::new))
                .param("amounts", products.stream().map(SoldProducts.Product::amount).toArray(BigDecimal[]::new))
                .param("members", products.stream().map(SoldProducts.Product::memberId).toArray(Long[]::new))
                .param("cargoIds", products.stream().map(SoldProducts.Product::cargoId).toArray(Long[]::new))
                .param("cargoTypes", products.stream().map(SoldProducts.Product::cargoType).toArray(Integer[]::new))
                .param("cargoCosts", products.stream().map(SoldProducts.Product::cargoCost).toArray(BigDecimal[]::new))
                .param("discountIds", products.stream().map(SoldProducts.Product::discountId).toArray(Long[]::new))
                .param("discountOwners", products.stream().map(SoldProducts.Product::discountOwnerType).toArray(Integer[]::new))
                .param("discountTypes", products.stream().map(SoldProducts.Product::discountType).toArray(Integer[]::new))
                .param("discounts", products.stream().map(SoldProducts.Product::discount).toArray(BigDecimal[]::new))
                .update();
    }

    /**
     * Locks the sales' kept products, all of them in id order (so that several sales are
     * taken in one order by every caller), until the caller's transaction ends, and returns
     * the sales it locked: those whose earnings the marketplace calculated. A sale left out
     * has no earnings and no debts, since each refers to a kept product; the caller reads the
     * earnings of the sales returned only, so that what it reads is what the lock guards.
     * {@code for no key update}: the rows never change, and a foreign key's check (a key-share
     * lock, taken when an earning or a debt is written) need not wait for the lock.
     */
    Set<UUID> lock(Collection<UUID> saleIds) {
        return jdbc.sql("select payment_id from marketplace_product where payment_id = any(:sales) order by id for no key update")
                .param("sales", saleIds.toArray(UUID[]::new)).query(UUID.class).set();
    }
}
