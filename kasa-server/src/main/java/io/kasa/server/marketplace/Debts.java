package io.kasa.server.marketplace;

import io.kasa.server.payment.SoldProducts;
import io.kasa.server.shared.BusinessTime;
import io.kasa.server.shared.KasaError;
import io.kasa.server.shared.KasaException;
import io.kasa.server.shared.LocalizedText;
import io.kasa.server.shared.MerchantId;
import io.kasa.server.shared.SqlTime;
import io.kasa.server.shared.Transactions;
import io.kasa.server.shared.Validation;
import io.kasa.server.shared.web.Paging;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Member debts: raised by the calculator where a cargo or discount arrangement takes more
 * from the member than the member's share of the product holds, and by a cancel after the
 * member was paid; netted off the member's next automatic payouts; changed or deleted by the
 * merchant while open. The money rule it keeps, for every product: its earnings less its
 * arrangement debts are the product amount; for a cancelled sale, the member's earnings the
 * cancel could not take back are what the member owes for it.
 */
@Service
public class Debts {

    /** The earnings a cancel takes back; the member owes what it could not. */
    static final Set<EarningStatus> NOT_OWED = EnumSet.of(EarningStatus.REVERSED, EarningStatus.REJECTED);

    private final JdbcClient jdbc;
    private final BusinessTime time;
    private final Transactions transactions;
    private final SoldProducts soldProducts;
    private final MarketplaceProducts products;

    Debts(JdbcClient jdbc, BusinessTime time, Transactions transactions, SoldProducts soldProducts,
          MarketplaceProducts products) {
        this.jdbc = jdbc;
        this.time = time;
        this.transactions = transactions;
        this.soldProducts = soldProducts;
        this.products = products;
    }

    // --- the calculator ---

    /**
     * The member's and the platform's shares of a product of a member once its arrangements
     * apply ({@link ArrangedShares}); what the member's share cannot cover is recorded as the
     * member's discount and cargo debts. Runs in the transaction that computes the earnings.
     */
    Shares arrange(MerchantId merchant, UUID paymentId, UUID productId, long memberId, int currencyId, BigDecimal amount,
                   BigDecimal commission, Arrangement arrangement, Instant at) {
        ArrangedShares shares = ArrangedShares.of(amount, commission, arrangement);
        raise(merchant.value(), memberId, paymentId, productId, currencyId, Debt.Type.DISCOUNT, shares.discountDebt(), at);
        raise(merchant.value(), memberId, paymentId, productId, currencyId, Debt.Type.CARGO, shares.cargoDebt(), at);
        return new Shares(shares.member(), shares.platform());
    }

    private void raise(UUID merchantId, long memberId, UUID paymentId, UUID productId, int currencyId, Debt.Type type,
                       BigDecimal amount, Instant at) {
        if (amount.signum() <= 0) {
            return;
        }
        jdbc.sql("""
                        insert into debt (merchant_id, member_id, payment_id, product_id, currency_id, type, calculated, amount,
                            status, created_at, updated_at)
                        values (:merchant, :member, :payment, :product, :currency, :type, :amount, :amount, 'OPEN', :at, :at)""")
                .param("merchant", merchantId).param("member", memberId).param("payment", paymentId)
                .param("product", productId).param("currency", currencyId).param("type", type.id())
                .param("amount", amount).param("at", SqlTime.of(at))
                .update();
    }

    /**
     * After a successful cancel has reversed what it could: the sale's open arrangement debts
     * are reversed with the shares they funded, and every member earning the cancel could not
     * take back (already on its way or paid) becomes a cancel debt of its amount, settled
     * against the member's next payouts. Debts already netted stay: the member has paid them.
     * Runs in the cancel's transaction, under the sale's marketplace lock; a repeated call
     * raises nothing twice.
     */
    void cancelled(UUID paymentId, Instant at) {
        jdbc.sql("update debt set status = 'REVERSED', updated_at = :at where payment_id = :payment and type in (1, 2) and status = 'OPEN'")
                .param("payment", paymentId).param("at", SqlTime.of(at)).update();
        jdbc.sql("""
                        insert into debt (merchant_id, member_id, payment_id, product_id, currency_id, type, calculated, amount,
                            status, created_at, updated_at)
                        select e.merchant_id, e.member_id, e.payment_id, e.product_id, e.currency_id, 3, e.amount, e.amount,
                            'OPEN', :at, :at
                        from earning e
                        where e.payment_id = :payment and e.member_id is not null and e.status <> all(:notOwed)
                          and not exists (select 1 from debt d where d.product_id = e.product_id and d.type = 3)
                        order by e.id""")
                .param("payment", paymentId).param("at", SqlTime.of(at)).param("notOwed", EarningStatus.names(NOT_OWED))
                .update();
    }

    /**
     * A rejected product's arrangement debts are reversed with the shares they funded: the
     * sale will pay the member nothing, so the member owes nothing for it. Runs in the
     * rejection's transaction, which holds the sale's marketplace lock and its earnings.
     */
    void rejected(UUID productId, Instant at) {
        jdbc.sql("update debt set status = 'REVERSED', updated_at = :at where product_id = :product and type in (1, 2) and status = 'OPEN'")
                .param("product", productId).param("at", SqlTime.of(at)).update();
    }

    // --- settlement ---

    /** The open debts a member payout of {@code total} nets, and their sum. */
    record Netting(List<Long> debtIds, BigDecimal amount) {

        static final Netting NONE = new Netting(List.of(), BigDecimal.ZERO);
    }

    /**
     * Picks the member's open debts of the merchant and currency to net off a payout of
     * {@code total}, oldest first: cancel debts, and arrangement debts of approved products
     * (one still waiting for approval may yet be rejected, which reverses its debts). A debt is settled whole or not at all: one that would take
     * the payout to zero or below stays open for a later payout, and later, smaller ones may
     * still be netted. Debts locked by a change in progress are left for the next payout.
     * Runs in the transaction that claims the earnings.
     */
    Netting net(UUID merchantId, Long memberId, int currencyId, BigDecimal total) {
        if (memberId == null) {
            return Netting.NONE;
        }
        record Open(long id, BigDecimal amount) {
        }
        List<Open> open = jdbc.sql("""
                        select id, amount from debt
                        where merchant_id = :merchant and member_id = :member and currency_id = :currency and status = 'OPEN'
                          and (type = 3 or exists (select 1 from earning e
                                                   where e.product_id = debt.product_id and e.approved_at is not null))
                        order by id
                        for update skip locked""")
                .param("merchant", merchantId).param("member", memberId).param("currency", currencyId)
                .query((row, n) -> new Open(row.getLong("id"), row.getBigDecimal("amount")))
                .list();
        List<Long> taken = new ArrayList<>();
        BigDecimal netted = BigDecimal.ZERO;
        for (Open debt : open) {
            if (total.subtract(netted).subtract(debt.amount()).signum() > 0) {
                taken.add(debt.id());
                netted = netted.add(debt.amount());
            }
        }
        return new Netting(List.copyOf(taken), netted);
    }

    /** Marks the netted debts as on their way with the payout, in the claiming transaction. */
    void attach(Netting netting, UUID payoutId) {
        if (netting.debtIds().isEmpty()) {
            return;
        }
        jdbc.sql("update debt set status = 'NETTED', payout_id = :payout, updated_at = :now where id = any(:ids) and status = 'OPEN'")
                .param("payout", payoutId).param("now", SqlTime.of(time.now()))
                .param("ids", netting.debtIds().toArray(Long[]::new))
                .update();
    }

    /** Paid: the payout's debts are settled. Refused: they are open again. In the transaction recording the bank's answer. */
    void settle(UUID payoutId, boolean paid) {
        jdbc.sql("""
                        update debt set status = :status, payout_id = case when :paid then payout_id end, updated_at = :now
                        where payout_id = :payout and status = 'NETTED'""")
                .param("status", paid ? "SETTLED" : "OPEN").param("paid", paid).param("now", SqlTime.of(time.now()))
                .param("payout", payoutId)
                .update();
    }

    // --- reports ---

    public List<Debt> ofProduct(MerchantId merchant, long productId) {
        return jdbc.sql(SELECT + " where d.merchant_id = :merchant and mp.paywall_product_id = :product order by d.id")
                .param("merchant", merchant.value()).param("product", productId)
                .query(Debts::debt).list();
    }

    public List<Debt> ofPayment(MerchantId merchant, UUID paymentId) {
        return jdbc.sql(SELECT + " where d.merchant_id = :merchant and d.payment_id = :payment order by d.id")
                .param("merchant", merchant.value()).param("payment", paymentId)
                .query(Debts::debt).list();
    }

    /** The merchant's debts, newest first. */
    public Paging.Page<Debt> list(MerchantId merchant, Paging paging) {
        long total = jdbc.sql("select count(*) from debt where merchant_id = :merchant")
                .param("merchant", merchant.value()).query(Long.class).single();
        List<Debt> items = jdbc.sql(SELECT + " where d.merchant_id = :merchant order by d.id desc limit :limit offset :offset")
                .param("merchant", merchant.value()).param("limit", paging.size()).param("offset", paging.offset())
                .query(Debts::debt).list();
        return paging.page(items, total);
    }

    /** Whether the merchant has sold a product with this integer {@code ProductId}, with earnings or not. */
    public boolean hasProduct(MerchantId merchant, long productId) {
        return !soldProducts.products(merchant, List.of(productId)).isEmpty();
    }

    // --- the merchant's changes ---

    /** debt/increase/id: the member owes {@code delta} more; an arrangement debt's platform share takes it. */
    public Debt increase(MerchantId merchant, long debtId, BigDecimal delta) {
        positive(delta);
        return change(merchant, debtId, debt -> debt.amount().add(delta));
    }

    /** debt/decrease/id: the member owes {@code delta} less (the debt stays above zero); the platform bears it. */
    public Debt decrease(MerchantId merchant, long debtId, BigDecimal delta) {
        positive(delta);
        return change(merchant, debtId, debt -> {
            BigDecimal left = debt.amount().subtract(delta);
            if (left.signum() <= 0) {
                throw new KasaException(KasaError.MARKETPLACE_AMOUNT_NOT_POSITIVE, new LocalizedText(
                        "Debt borçtan (" + debt.amount() + ") küçük olmalıdır; borcu silmek için debt/delete/id kullanın",
                        "Debt must be less than the debt (" + debt.amount() + "); to clear it use debt/delete/id"));
            }
            return left;
        });
    }

    /** debt/delete/id: the member owes nothing more of it; the platform bears it. */
    public Debt delete(MerchantId merchant, long debtId) {
        return change(merchant, debtId, debt -> BigDecimal.ZERO);
    }

    private interface NewAmount {
        BigDecimal of(Debt debt);
    }

    /**
     * One change of an open debt, in one transaction, with row locks in Kasa's order: the
     * sale's marketplace lock ({@link MarketplaceProducts#lock}), then the product's platform
     * earning, then the debt; the debt's sale, product and type, which never change, are read
     * before, unlocked. For an arrangement debt the platform's earning of the product moves by
     * the same difference, so that the product's earnings less its debts stay the product
     * amount; it must still be unpaid. For a cancel debt the platform, which refunded the
     * customer, simply recovers less.
     */
    private Debt change(MerchantId merchant, long debtId, NewAmount newAmount) {
        return transactions.execute(status -> {
            record Of(UUID paymentId, UUID productId, Debt.Type type) {
            }
            Of of = jdbc.sql("select payment_id, product_id, type from debt where id = :id and merchant_id = :merchant")
                    .param("id", debtId).param("merchant", merchant.value())
                    .query((row, n) -> new Of(row.getObject("payment_id", UUID.class), row.getObject("product_id", UUID.class),
                            Debt.Type.of(row.getInt("type"))))
                    .optional()
                    .orElseThrow(() -> new KasaException(KasaError.DEBT_NOT_FOUND));
            products.lock(List.of(of.paymentId()));
            record Share(long id, EarningStatus status, BigDecimal amount) {
            }
            Optional<Share> platformShare = of.type() == Debt.Type.CANCEL ? Optional.empty() : jdbc.sql("""
                            select id, status, amount from earning
                            where payment_id = :payment and member_id is null and product_id = :product
                            for update""")
                    .param("payment", of.paymentId()).param("product", of.productId())
                    .query((row, n) -> new Share(row.getLong("id"), EarningStatus.valueOf(row.getString("status")),
                            row.getBigDecimal("amount")))
                    .optional();
            Debt debt = jdbc.sql(SELECT + " where d.id = :id for update of d").param("id", debtId).query(Debts::debt).single();
            switch (debt.status()) {
                case OPEN -> {
                }
                case NETTED, SETTLED -> throw new KasaException(KasaError.DEBT_ALREADY_SENT);
                case DELETED, REVERSED -> throw new KasaException(KasaError.DEBT_NOT_AVAILABLE, new LocalizedText(
                        "Borç " + (debt.status() == Debt.Status.DELETED ? "silinmiş" : "satışın iptali ya da ürünün reddiyle geri alınmış"),
                        "The debt was " + (debt.status() == Debt.Status.DELETED ? "deleted" : "reversed with its sale's cancel or its product's rejection")));
            }
            BigDecimal amount = newAmount.of(debt);
            BigDecimal difference = amount.subtract(debt.amount());
            if (amount.compareTo(MAX_AMOUNT) > 0) {
                throw tooLarge();
            }
            Instant now = time.now();
            if (debt.type() != Debt.Type.CANCEL) {
                Share platform = platformShare.orElseThrow(() -> new KasaException(KasaError.DEBT_NOT_AVAILABLE));
                if (!EarningStatus.CHANGEABLE.contains(platform.status())) {
                    throw new KasaException(KasaError.DEBT_NOT_AVAILABLE, new LocalizedText(
                            "Bu ürünün platform kazancı ödemeye gönderildi; borç artık değiştirilemez",
                            "The platform's earning of this product has been sent for payment; the debt can no longer change"));
                }
                if (platform.amount().add(difference).compareTo(MAX_AMOUNT) > 0) {
                    throw tooLarge();
                }
                jdbc.sql("update earning set amount = amount + :difference, updated_at = :now where id = :id")
                        .param("difference", difference).param("now", SqlTime.of(now)).param("id", platform.id())
                        .update();
            }
            if (amount.signum() == 0) {
                jdbc.sql("update debt set status = 'DELETED', updated_at = :now where id = :id")
                        .param("now", SqlTime.of(now)).param("id", debtId).update();
            } else {
                jdbc.sql("update debt set amount = :amount, updated_at = :now where id = :id")
                        .param("amount", amount).param("now", SqlTime.of(now)).param("id", debtId).update();
            }
            return jdbc.sql(SELECT + " where d.id = :id").param("id", debtId).query(Debts::debt).single();
        });
    }

    /** The largest amount a debt or an earning holds: 12 integer digits (numeric(14, 2)). */
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999.99");

    private static KasaException tooLarge() {
        return Validation.invalid("Debt borcu veya platform kazancını 12 tam basamağın ötesine taşıyor",
                "Debt takes the debt or the platform's earning beyond 12 integer digits");
    }

    private static void positive(BigDecimal delta) {
        if (delta == null || delta.signum() <= 0) {
            throw new KasaException(KasaError.MARKETPLACE_AMOUNT_NOT_POSITIVE, new LocalizedText(
                    "Debt sıfırdan büyük olmalıdır", "Debt must be greater than zero"));
        }
    }

    private static final String SELECT = """
            select d.*, m.name as member_name, mp.paywall_payment_id, mp.paywall_product_id,
                mp.amount as product_amount, mp.cargo_id, mp.cargo_type, mp.cargo_cost, mp.discount_id,
                mp.discount_owner_type, mp.discount_type, mp.discount
            from debt d join marketplace_product mp on mp.id = d.product_id
                left join member m on m.id = d.member_id and m.deleted_at is null""";

    private static Debt debt(ResultSet row, int n) throws SQLException {
        return new Debt(row.getLong("id"), Debt.Type.of(row.getInt("type")), row.getLong("member_id"), row.getString("member_name"),
                row.getInt("currency_id"),
                row.getLong("paywall_payment_id"), row.getLong("paywall_product_id"), row.getBigDecimal("product_amount"), row.getBigDecimal("amount"),
                Debt.Status.valueOf(row.getString("status")), row.getObject("payout_id", UUID.class), arrangement(row, n),
                SqlTime.read(row, "created_at"));
    }

    /** The product's arrangements from a row of {@code marketplace_product}. */
    private static Arrangement arrangement(ResultSet row, int n) throws SQLException {
        return new Arrangement((Long) row.getObject("cargo_id"), integer(row, "cargo_type"), row.getBigDecimal("cargo_cost"),
                (Long) row.getObject("discount_id"), integer(row, "discount_owner_type"), integer(row, "discount_type"),
                row.getBigDecimal("discount"));
    }

    private static Integer integer(ResultSet row, String column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? null : value;
    }
}
