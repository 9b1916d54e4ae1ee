package io.kasa.server.marketplace;

import io.kasa.server.member.Member;
import io.kasa.server.member.Members;
import io.kasa.server.payment.SoldProducts;
import io.kasa.server.shared.BusinessTime;
import io.kasa.server.shared.KasaError;
import io.kasa.server.shared.KasaException;
import io.kasa.server.shared.LocalizedText;
import io.kasa.server.shared.MerchantId;
import io.kasa.server.shared.SqlTime;
import io.kasa.server.shared.Transactions;
import io.kasa.server.shared.web.Paging;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Paywall's approval and rejection of a sale's earnings. A successful marketplace sale's
 * earnings are calculated (CALCULATED) and wait, per product, for one decision: approved with
 * the calculator that calculated them — Kasa's ({@link Calculator#KASA}, Paywall's
 * approve/pw) or the platform's own figures sent on the sale ({@link Calculator#PLATFORM},
 * approve/self) — or rejected. Both shares of a product are decided together, once.
 *
 * <p>Approval gives each share its reflection (payable) date, counted from the approval day:
 * the member's share and the platform's share of a member's product take the member's value
 * date (the next business day when the member has none); the platform's share of a product
 * without a member takes the next business day, or, with {@code SameReflectionDateWithMember}
 * and a payment of exactly one member, that member's date. Approved member shares are
 * SCHEDULED; platform shares SCHEDULED, or POOLED under the manual trigger. The transfer
 * description an approval asks for is kept on its earnings and given to the bank when they
 * are paid.
 *
 * <p>A rejected product's earnings become REJECTED and are never paid: the money stays with
 * the platform, which received the whole sale from the card.
 *
 * <p>Each decision takes the sale's marketplace lock first ({@link MarketplaceProducts#lock}),
 * then its earnings, then its debts, and changes only CALCULATED earnings, so two decisions
 * about one product racing end with one winner and never deadlock with each other or with a
 * cancel (whose reversal takes the same lock first).
 */
@Service
public class Approvals {

    public static final String ALREADY_APPROVED = "This product already approved";
    public static final String NOT_CALCULATED = "This product marketplace earning calculated not found";
    public static final String CALCULATED_BY_PLATFORM =
            "This product marketplace earning was calculated by the platform; approve it with approve/self";
    public static final String CALCULATED_BY_KASA =
            "This product marketplace earning was calculated by Paywall's calculator; approve it with approve/pw";

    /** Whose figures an approval confirms. */
    public enum Calculator {
        KASA, PLATFORM
    }

    /**
     * An approval: the payment's integer {@code PaymentId}, the integer {@code ProductIds} to
     * approve (null: every product of the payment), the transfer description (null: none).
     */
    public record Approve(long paymentId, List<Long> productIds, Calculator calculator, String payoutDescription,
                          boolean sameReflectionDateWithMember) {

        public Approve {
            Objects.requireNonNull(calculator, "calculator");
            productIds = productIds == null ? null : List.copyOf(productIds);
        }
    }

    /** What a decision did, product by product, in the order the products were named. */
    public record Decision(List<Long> success, List<Failure> fail) {

        public Decision {
            success = List.copyOf(success);
            fail = List.copyOf(fail);
        }
    }

    public record Failure(long productId, String reason) {
    }

    /** A payment's products, split by whether their earnings were approved. */
    public record Report(List<Long> approved, List<Long> notApproved) {
    }

    /** A product whose earnings wait for a decision, with the shares as calculated. */
    public record Waiting(long paymentId, long productId, String productName, BigDecimal productAmount, int currencyId,
                          Long memberId, BigDecimal memberEarning, BigDecimal platformEarning, Calculator calculator,
                          Instant calculatedAt) {
    }

    private record Line(UUID id, long productId, UUID paymentId, Long memberId) {
    }

    private record Share(long id, UUID productId, Long memberId, EarningStatus status, boolean approved,
                         boolean platformCalculated) {
    }

    private final JdbcClient jdbc;
    private final BusinessTime time;
    private final Members members;
    private final MarketplaceSettingsStore settings;
    private final Debts debts;
    private final Transactions transactions;
    private final SoldProducts soldProducts;
    private final MarketplaceProducts products;

    Approvals(JdbcClient jdbc, BusinessTime time, Members members, MarketplaceSettingsStore settings,
              Transactions transactions, Debts debts, SoldProducts soldProducts, MarketplaceProducts products) {
        this.jdbc = jdbc;
        this.time = time;
        this.members = members;
        this.settings = settings;
        this.transactions = transactions;
        this.debts = debts;
        this.soldProducts = soldProducts;
        this.products = products;
    }

    /**
     * Approves products of one payment. Refused, with nothing written, for an unknown payment
     * (32), a product that is not the payment's (58), and, when every product is named, a
     * payment without marketplace earnings (31).
     */
    public Decision approve(MerchantId merchant, Approve command) {
        return transactions.execute(status -> {
            SoldProducts.Sale sale = sale(merchant, command.paymentId());
            List<Line> lines = lines(sale.products());
            List<Line> chosen = command.productIds() == null ? lines : named(lines, command.productIds());
            Map<UUID, List<Share>> shares = lockShares(products.lock(List.of(sale.id())));
            if (command.productIds() == null && shares.isEmpty()) {
                throw new KasaException(KasaError.MARKETPLACE_NO_PAYMENT_TO_APPROVE);
            }
            Instant now = time.now();
            return approve(merchant, lines, chosen, shares, command.calculator(), command.payoutDescription(),
                    command.sameReflectionDateWithMember(), time.local(now).toLocalDate(), now);
        });
    }

    /**
     * Automatic approval: approves every product of a sale whose earnings were just calculated,
     * with the figures they were calculated from, in the transaction that records the sale's
     * success (which holds the payment row).
     */
    void approveOnCalculation(MerchantId merchant, SoldProducts.Sale sale, Instant at) {
        List<Line> lines = lines(sale.products());
        approve(merchant, lines, lines, lockShares(List.of(sale.id())), null, null, false, time.local(at).toLocalDate(), at);
    }

    /** Rejects products, of one payment or several. Any product that is not the merchant's refuses the whole request (58). */
    public Decision reject(MerchantId merchant, List<Long> productIds) {
        return transactions.execute(status -> {
            List<Line> chosen = named(lines(soldProducts.products(merchant, productIds)), productIds);
            List<UUID> payments = chosen.stream().map(Line::paymentId).distinct().toList();
            return reject(chosen, lockShares(products.lock(payments)));
        });
    }

    /** Rejects every product of a payment: 32 when unknown, 31 when it has no marketplace earnings. */
    public Decision rejectPayment(MerchantId merchant, long paymentId) {
        return transactions.execute(status -> {
            SoldProducts.Sale sale = sale(merchant, paymentId);
            Map<UUID, List<Share>> shares = lockShares(products.lock(List.of(sale.id())));
            if (shares.isEmpty()) {
                throw new KasaException(KasaError.MARKETPLACE_NO_PAYMENT_TO_APPROVE);
            }
            return reject(lines(sale.products()), shares);
        });
    }

    /** The payment's products, approved (whatever happened to them since) or not. */
    public Report report(MerchantId merchant, long paymentId) {
        SoldProducts.Sale sale = sale(merchant, paymentId);
        Set<UUID> approved = jdbc.sql("select distinct product_id from earning where payment_id = :payment and approved_at is not null")
                .param("payment", sale.id()).query(UUID.class).set();
        List<Long> yes = new ArrayList<>();
        List<Long> no = new ArrayList<>();
        for (Line line : lines(sale.products())) {
            (approved.contains(line.id()) ? yes : no).add(line.productId());
        }
        return new Report(yes, no);
    }

    /** The merchant's products waiting for a decision, newest sale first. */
    public Paging.Page<Waiting> waiting(MerchantId merchant, Paging paging) {
        long total = jdbc.sql("select count(distinct product_id) from earning where merchant_id = :merchant and status = 'CALCULATED'")
                .param("merchant", merchant.value()).query(Long.class).single();
        List<Waiting> items = jdbc.sql("""
                        select mp.paywall_payment_id as payment_id, mp.paywall_product_id as product_id, mp.name, mp.amount,
                            e.currency_id, mp.member_id, sum(e.amount) filter (where e.member_id is not null) as member_earning,
                            sum(e.amount) filter (where e.member_id is null) as platform_earning,
                            bool_or(e.platform_calculated) as platform_calculated, min(e.created_at) as calculated_at
                        from earning e join marketplace_product mp on mp.id = e.product_id
                        where e.merchant_id = :merchant and e.status = 'CALCULATED'
                        group by mp.paywall_payment_id, mp.paywall_product_id, mp.name, mp.amount, e.currency_id, mp.member_id,
                            mp.position
                        order by min(e.created_at) desc, mp.paywall_payment_id desc, mp.position
                        limit :limit offset :offset""")
                .param("merchant", merchant.value()).param("limit", paging.size()).param("offset", paging.offset())
                .query((row, n) -> new Waiting(row.getLong("payment_id"), row.getLong("product_id"), row.getString("name"),
                        row.getBigDecimal("amount"), row.getInt("currency_id"), (Long) row.getObject("member_id"),
                        row.getBigDecimal("member_earning"), row.getBigDecimal("platform_earning"),
                        row.getBoolean("platform_calculated") ? Calculator.PLATFORM : Calculator.KASA,
                        SqlTime.read(row, "calculated_at")))
                .list();
        return paging.page(items, total);
    }

    private Decision approve(MerchantId merchant, List<Line> lines, List<Line> chosen, Map<UUID, List<Share>> shares,
                             Calculator calculator, String description, boolean sameReflectionDate, LocalDate today,
                             Instant now) {
        boolean manualTrigger = settings.get(merchant).manualTrigger();
        Map<Long, LocalDate> memberDates = new HashMap<>();
        List<Long> members = lines.stream().map(Line::memberId).filter(Objects::nonNull).distinct().toList();
        Optional<Long> onlyMember = members.size() == 1 ? Optional.of(members.getFirst()) : Optional.empty();
        List<Long> success = new ArrayList<>();
        List<Failure> fail = new ArrayList<>();
        for (Line line : chosen) {
            List<Share> mine = shares.getOrDefault(line.id(), List.of());
            String refusal = refusal(mine, calculator);
            if (refusal != null) {
                fail.add(new Failure(line.productId(), refusal));
                continue;
            }
            Long dateOf = line.memberId() != null ? line.memberId()
                    : sameReflectionDate ? onlyMember.orElse(null) : null;
            LocalDate date = dateOf == null ? Earnings.nextBusinessDay(today)
                    : memberDates.computeIfAbsent(dateOf, member -> memberDate(merchant, member, today));
            for (Share share : mine) {
                EarningStatus approved = share.memberId() == null && manualTrigger ? EarningStatus.POOLED : EarningStatus.SCHEDULED;
                jdbc.sql("""
                                update earning set status = :status, payable_date = :date, approved_at = :now,
                                    payout_description = :description, updated_at = :now
                                where id = :id and status = 'CALCULATED'""")
                        .param("status", approved.name()).param("date", date).param("now", SqlTime.of(now))
                        .param("description", description).param("id", share.id())
                        .update();
            }
            success.add(line.productId());
        }
        return new Decision(success, fail);
    }

    private Decision reject(List<Line> chosen, Map<UUID, List<Share>> shares) {
        Instant now = time.now();
        List<Long> success = new ArrayList<>();
        List<Failure> fail = new ArrayList<>();
        for (Line line : chosen) {
            List<Share> mine = shares.getOrDefault(line.id(), List.of());
            String refusal = refusal(mine, null);
            if (refusal != null) {
                fail.add(new Failure(line.productId(), refusal));
                continue;
            }
            jdbc.sql("update earning set status = 'REJECTED', updated_at = :now where id = any(:ids) and status = 'CALCULATED'")
                    .param("now", SqlTime.of(now)).param("ids", mine.stream().map(Share::id).toArray(Long[]::new))
                    .update();
            debts.rejected(line.id(), now);
            success.add(line.productId());
        }
        return new Decision(success, fail);
    }

    /** Why a product's shares cannot be decided with {@code calculator} (null: any, as a rejection); null when they can. */
    private static String refusal(List<Share> shares, Calculator calculator) {
        if (shares.isEmpty()) {
            return NOT_CALCULATED;
        }
        if (shares.stream().anyMatch(Share::approved)) {
            return ALREADY_APPROVED;
        }
        if (shares.stream().anyMatch(share -> share.status() != EarningStatus.CALCULATED)) {
            return NOT_CALCULATED;
        }
        boolean byPlatform = shares.getFirst().platformCalculated();
        if (calculator == Calculator.KASA && byPlatform) {
            return CALCULATED_BY_PLATFORM;
        }
        if (calculator == Calculator.PLATFORM && !byPlatform) {
            return CALCULATED_BY_KASA;
        }
        return null;
    }

    private LocalDate memberDate(MerchantId merchant, long memberId, LocalDate approvalDay) {
        return members.find(merchant, memberId).map(Member::valueDate)
                .map(valueDate -> valueDate.payableDate(approvalDay))
                .orElseGet(() -> Earnings.nextBusinessDay(approvalDay));
    }

    /** The merchant's sale by its integer {@code PaymentId}; 32 when it has none. */
    private SoldProducts.Sale sale(MerchantId merchant, long paymentId) {
        return soldProducts.of(merchant, paymentId)
                .orElseThrow(() -> new KasaException(KasaError.MARKETPLACE_PAYMENT_NOT_FOUND));
    }

    private static List<Line> lines(List<SoldProducts.Product> products) {
        return products.stream()
                .map(product -> new Line(product.id(), product.productId(), product.saleId(), product.memberId()))
                .toList();
    }

    /** The named products, in the order named; 58 when one of them is not among {@code lines}. */
    private static List<Line> named(List<Line> lines, List<Long> productIds) {
        Map<Long, Line> byId = lines.stream().collect(Collectors.toMap(Line::productId, line -> line));
        List<Line> chosen = new ArrayList<>();
        for (int i = 0; i < productIds.size(); i++) {
            Line line = byId.get(productIds.get(i));
            if (line == null) {
                throw new KasaException(KasaError.MARKETPLACE_INVALID_PRODUCT, new LocalizedText(
                        "ProductIds[" + i + "] (" + productIds.get(i) + ") bulunamadı",
                        "ProductIds[" + i + "] (" + productIds.get(i) + ") is not found"));
            }
            chosen.add(line);
        }
        return chosen;
    }

    /**
     * The earnings of the sales, locked in id order. A merchant's decision passes the sales
     * its marketplace lock holds, so that it reads no earning the lock does not guard;
     * {@link #approveOnCalculation} passes the sale whose earnings its own transaction has
     * just written.
     */
    private Map<UUID, List<Share>> lockShares(Collection<UUID> payments) {
        return jdbc.sql("""
                        select id, product_id, member_id, status, approved_at is not null as approved, platform_calculated
                        from earning where payment_id = any(:payments) order by id for update""")
                .param("payments", payments.toArray(UUID[]::new))
                .query((row, n) -> new Share(row.getLong("id"), row.getObject("product_id", UUID.class),
                        (Long) row.getObject("member_id"), EarningStatus.valueOf(row.getString("status")),
                        row.getBoolean("approved"), row.getBoolean("platform_calculated")))
                .list().stream()
                .collect(Collectors.groupingBy(Share::productId, LinkedHashMap::new, Collectors.toList()));
    }
}
