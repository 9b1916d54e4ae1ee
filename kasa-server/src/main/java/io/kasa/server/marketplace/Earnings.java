package io.kasa.server.marketplace;

import io.kasa.server.member.Member;
import io.kasa.server.member.Members;
import io.kasa.server.member.ValueDate;
import io.kasa.server.payment.PaymentStatus;
import io.kasa.server.payment.PaymentStatusChanged;
import io.kasa.server.payment.PaymentType;
import io.kasa.server.payment.SoldProducts;
import io.kasa.server.shared.BusinessTime;
import io.kasa.server.shared.MerchantId;
import io.kasa.server.shared.SqlTime;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Computes earnings when a sale succeeds and reverses the unpaid ones when its cancel
 * succeeds, inside the transaction that records the status change. Each product splits into
 * a member share (by the member's commission, or the platform's own figure sent on the
 * product) and a platform share that add up to the product amount; a product without a
 * member is all platform earning. The shares wait for approval ({@link Approvals}), which the
 * merchant's automatic approval gives at once.
 */
@Service
public class Earnings {

    private final JdbcClient jdbc;
    private final BusinessTime time;
    private final Members members;
    private final MarketplaceSettingsStore settings;
    private final Approvals approvals;
    private final Debts debts;
    private final SoldProducts soldProducts;
    private final MarketplaceProducts products;

    Earnings(JdbcClient jdbc, BusinessTime time, Members members, MarketplaceSettingsStore settings, Approvals approvals,
             Debts debts, SoldProducts soldProducts, MarketplaceProducts products) {
        this.jdbc = jdbc;
        this.time = time;
        this.members = members;
        this.settings = settings;
        this.approvals = approvals;
        this.debts = debts;
        this.soldProducts = soldProducts;
        this.products = products;
    }

    @EventListener
    void onChange(PaymentStatusChanged change) {
        if (change.status() != PaymentStatus.SUCCESSFUL) {
            return;
        }
        if (change.type() == PaymentType.SALE) {
            compute(new MerchantId(change.merchantId()), change.paymentId(), change.at());
        } else if (change.type() == PaymentType.CANCEL) {
            reverse(change.paymentId(), change.at());
        }
    }

    private void compute(MerchantId merchant, UUID paymentId, Instant at) {
        MarketplaceSettings marketplace = settings.get(merchant);
        if (!marketplace.marketplaceEnabled()) {
            return;
        }
        SoldProducts.Sale sale = soldProducts.of(paymentId);
        int currencyId = sale.currencyId();
        LocalDate earningDate = time.local(at).toLocalDate();
        products.keep(merchant, sale);
        for (SoldProducts.Product line : sale.products()) {
            Optional<Member> member = line.memberId() == null ? Optional.empty() : members.find(merchant, line.memberId());
            if (member.isEmpty()) {
                insert(merchant, paymentId, line.id(), null, currencyId, line.amount(), null, earningDate, false, at);
                continue;
            }
            ValueDate valueDate = member.get().valueDate();
            BigDecimal commission = valueDate == null ? BigDecimal.ZERO : valueDate.commission();
            boolean byPlatform = line.memberEarning() != null;
            Shares shares = byPlatform ? new Shares(line.memberEarning(), line.amount().subtract(line.memberEarning()))
                    : debts.arrange(merchant, paymentId, line.id(), line.memberId(), currencyId, line.amount(), commission,
                            arrangement(line), at);
            insert(merchant, paymentId, line.id(), line.memberId(), currencyId, shares.member(), commission, earningDate,
                    byPlatform, at);
            insert(merchant, paymentId, line.id(), null, currencyId, shares.platform(), commission, earningDate,
                    byPlatform, at);
        }
        if (marketplace.automaticApproval()) {
            approvals.approveOnCalculation(merchant, sale, at);
        }
    }

    /** The product's arrangements as the sale recorded them. */
    static Arrangement arrangement(SoldProducts.Product product) {
        return new Arrangement(product.cargoId(), product.cargoType(), product.cargoCost(), product.discountId(),
                product.discountOwnerType(), product.discountType(), product.discount());
    }

    /** A share waiting for approval (see {@link Approvals}), which gives it its payable date. */
    private void insert(MerchantId merchant, UUID paymentId, UUID productId, Long memberId, int currencyId,
                        BigDecimal amount, BigDecimal commission, LocalDate earningDate, boolean platformCalculated,
                        Instant at) {
        if (amount.signum() <= 0) {
            return;
        }
        jdbc.sql("""
                        insert into earning (merchant_id, payment_id, product_id, member_id, currency_id, amount, commission,
                            earning_date, status, platform_calculated, created_at, updated_at)
                        values (:merchant, :payment, :product, :member, :currency, :amount, :commission, :earningDate,
                            'CALCULATED', :platformCalculated, :at, :at)""")
                .param("merchant", merchant.value()).param("payment", paymentId)
                .param("product", productId).param("member", memberId).param("currency", currencyId)
                .param("amount", amount).param("commission", commission).param("earningDate", earningDate)
                .param("platformCalculated", platformCalculated).param("at", SqlTime.of(at))
                .update();
    }

    /**
     * A successful cancel takes back every earning not yet on its way to a bank account:
     * approved or not, a failed payout's earnings and those put back in the queue included;
     * the member owes what it could not take back ({@link Debts#cancelled}). The sale's
     * marketplace lock comes first ({@link MarketplaceProducts#lock}), after the payment row
     * the cancel's status change holds, so that the reversal and a merchant's change of the
     * sale's earnings or debts run one after the other. A sale whose earnings were never
     * calculated has nothing to reverse.
     */
    private void reverse(UUID paymentId, Instant at) {
        if (products.lock(List.of(paymentId)).isEmpty()) {
            return;
        }
        jdbc.sql("""
                        update earning set status = 'REVERSED', updated_at = :at
                        where payment_id = :payment and status = any(:reversible)""")
                .param("reversible", EarningStatus.names(EarningStatus.CHANGEABLE))
                .param("payment", paymentId).param("at", SqlTime.of(at)).update();
        debts.cancelled(paymentId, at);
    }

    /** The day after, moved past a weekend to Monday. */
    static LocalDate nextBusinessDay(LocalDate day) {
        LocalDate next = day.plusDays(1);
        while (next.getDayOfWeek() == DayOfWeek.SATURDAY || next.getDayOfWeek() == DayOfWeek.SUNDAY) {
            next = next.plusDays(1);
        }
        return next;
    }

    /** An earning with its payment's and product's integer ids, for {@link #earning}. */
    static final String COLUMNS = """
            e.*, mp.paywall_payment_id, mp.paywall_product_id
            from earning e join marketplace_product mp on mp.id = e.product_id""";

    public List<Earning> ofPayment(MerchantId merchant, UUID paymentId) {
        return jdbc.sql("select " + COLUMNS + " where e.merchant_id = :merchant and e.payment_id = :payment order by e.created_at, e.member_id nulls last")
                .param("merchant", merchant.value()).param("payment", paymentId)
                .query(Earnings::earning).list();
    }

    public record MemberPage(List<Earning> items, long total) {
    }

    /** A member's earnings, filtered on payable date, ordered by id. */
    public MemberPage ofMember(MerchantId merchant, long memberId, LocalDate from, LocalDate to, boolean descending,
                               int start, int length) {
        String filter = """
                e.merchant_id = :merchant and e.member_id = :member
                and (cast(:from as date) is null or e.payable_date >= :from)
                and (cast(:to as date) is null or e.payable_date <= :to)""";
        long total = jdbc.sql("select count(*) from earning e where " + filter)
                .param("merchant", merchant.value()).param("member", memberId).param("from", from).param("to", to)
                .query(Long.class).single();
        List<Earning> items = jdbc.sql("select " + COLUMNS + " where " + filter + " order by e.id "
                        + (descending ? "desc" : "asc") + " limit :limit offset :offset")
                .param("merchant", merchant.value()).param("member", memberId).param("from", from).param("to", to)
                .param("limit", length).param("offset", start)
                .query(Earnings::earning).list();
        return new MemberPage(items, total);
    }

    static Earning earning(ResultSet row, int n) throws SQLException {
        return new Earning(row.getLong("id"), row.getObject("payment_id", UUID.class), row.getLong("paywall_payment_id"),
                row.getObject("product_id", UUID.class), row.getLong("paywall_product_id"), (Long) row.getObject("member_id"), row.getInt("currency_id"),
                row.getBigDecimal("amount"), row.getBigDecimal("commission"), row.getObject("earning_date", LocalDate.class),
                row.getObject("payable_date", LocalDate.class), EarningStatus.valueOf(row.getString("status")),
                row.getObject("job_id", UUID.class), row.getObject("payout_id", UUID.class), SqlTime.read(row, "created_at"));
    }
}
