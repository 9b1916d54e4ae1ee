package io.kasa.server.marketplace;

import io.kasa.server.payment.SoldProducts;
import io.kasa.server.shared.BusinessTime;
import io.kasa.server.shared.KasaError;
import io.kasa.server.shared.KasaException;
import io.kasa.server.shared.LocalizedText;
import io.kasa.server.shared.MerchantId;
import io.kasa.server.shared.SqlTime;
import io.kasa.server.shared.Validation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Paywall's earnings operations (notes §7.3): postpone, set the reflection date, increase,
 * decrease, and put a failed payout back in the queue, by product, by payment or by earning
 * id. Only an earning not yet on its way to a bank ({@link EarningStatus#CHANGEABLE}) changes;
 * each operation changes all it names or nothing. Each runs in one transaction that takes the
 * sale's marketplace lock first ({@link MarketplaceProducts#lock}) and then its earnings, in id
 * order, so that two operations on one payment, an operation and a cancel's reversal (which
 * takes the same lock first), or an operation and the payout run (which skips locked
 * earnings), never deadlock and never both win.
 */
@Service
public class EarningChanges {

    public static final int MAX_POSTPONE_DAYS = 365;
    /** The largest amount an earning column holds (numeric(14, 2)). */
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999.99");

    /** Which earnings an operation names. */
    public sealed interface Target permits OfProduct, OfPayment, OfId {
    }

    /**
     * A product's member earning and, with {@code applyAll}, the platform's for that product
     * too. A product sold without a member has only the platform's, which it names whatever
     * {@code applyAll} says.
     */
    public record OfProduct(long productId, boolean applyAll) implements Target {
    }

    /** Every earning of a payment. */
    public record OfPayment(long paymentId) implements Target {
    }

    /** One earning, a member's or the platform's. */
    public record OfId(long earningId) implements Target {
    }

    private final JdbcClient jdbc;
    private final BusinessTime time;
    private final MarketplaceSettingsStore settings;
    private final SoldProducts soldProducts;
    private final MarketplaceProducts products;

    EarningChanges(JdbcClient jdbc, BusinessTime time, MarketplaceSettingsStore settings, SoldProducts soldProducts,
                   MarketplaceProducts products) {
        this.jdbc = jdbc;
        this.time = time;
        this.settings = settings;
        this.soldProducts = soldProducts;
        this.products = products;
    }

    /** Moves the reflection date {@code days} (1–365) later, past a weekend to Monday. */
    @Transactional
    public void postpone(MerchantId merchant, Target target, Integer days) {
        int by = Validation.between("Day", days, 1, MAX_POSTPONE_DAYS);
        for (Earning earning : requireDated(requireChangeable(lock(merchant, target).named()))) {
            payable(earning.id(), ReflectionDates.postponed(earning.payableDate(), by));
        }
    }

    /** Sets the reflection date, under {@link ReflectionDates}' rules. */
    @Transactional
    public void reflect(MerchantId merchant, Target target, LocalDate date) {
        ReflectionDates.check(time, date);
        for (Earning earning : requireDated(requireChangeable(lock(merchant, target).named()))) {
            payable(earning.id(), date);
        }
    }

    /** Adds {@code delta} to the named share and takes it from the product's other share. */
    @Transactional
    public void increase(MerchantId merchant, Target target, BigDecimal delta) {
        move(merchant, target, delta, true);
    }

    /** Takes {@code delta} from the named share and gives it to the product's other share. */
    @Transactional
    public void decrease(MerchantId merchant, Target target, BigDecimal delta) {
        move(merchant, target, delta, false);
    }

    /**
     * Puts the named earnings whose payout the bank refused (FAILED) back in the queue
     * (RETRY), due on {@code newDate} when given and at once otherwise. Earnings of the target
     * in other states stay as they are; when none is FAILED the answer says why (367 already
     * queued, 368 already paid, 369 nothing failed).
     */
    @Transactional
    public void retry(MerchantId merchant, Target target, LocalDate newDate) {
        if (newDate != null) {
            ReflectionDates.check(time, newDate);
        }
        List<Earning> named = lock(merchant, target).named();
        Long[] failed = named.stream().filter(e -> e.status() == EarningStatus.FAILED).map(Earning::id).toArray(Long[]::new);
        if (failed.length == 0) {
            throw new KasaException(named.stream().anyMatch(e -> e.status() == EarningStatus.RETRY)
                    ? KasaError.EARNING_ALREADY_IN_RETRY
                    : named.stream().anyMatch(e -> e.status() == EarningStatus.PAID)
                    ? KasaError.EARNING_ALREADY_SUCCESS
                    : KasaError.EARNING_NO_FAILED);
        }
        jdbc.sql("""
                        update earning set status = 'RETRY', payable_date = coalesce(:date, payable_date), updated_at = :now
                        where id = any(:ids) and status = 'FAILED'""")
                .param("date", newDate).param("now", SqlTime.of(time.now())).param("ids", failed)
                .update();
    }

    /**
     * Moves {@code delta} between the two shares of one product, so that they still add up to
     * the product's amount: toward the named share ({@code towardNamed}) or away from it.
     * Both shares must be changeable and each must stay above zero. A member share decreased
     * where the platform has no share yet (a 0 % commission) gives the platform one.
     */
    private void move(MerchantId merchant, Target target, BigDecimal delta, boolean towardNamed) {
        BigDecimal amount = delta(delta);
        Locked locked = lock(merchant, target);
        Earning named = locked.named().getFirst();
        Optional<Earning> other = locked.ofPayment().stream()
                .filter(e -> e.productId().equals(named.productId()) && e.id() != named.id())
                .findFirst();
        requireChangeable(List.of(named));
        other.ifPresent(e -> requireChangeable(List.of(e)));
        BigDecimal namedAfter = towardNamed ? named.amount().add(amount) : named.amount().subtract(amount);
        if (namedAfter.signum() <= 0) {
            throw new KasaException(KasaError.EARNING_AMOUNT_INVALID);
        }
        if (other.isPresent()) {
            BigDecimal otherAfter = towardNamed ? other.get().amount().subtract(amount) : other.get().amount().add(amount);
            if (otherAfter.signum() <= 0) {
                throw new KasaException(KasaError.EARNING_AMOUNT_INVALID);
            }
            amount(other.get().id(), otherAfter);
        } else if (towardNamed || named.isPlatform()) {
            throw new KasaException(KasaError.EARNING_AMOUNT_INVALID);
        } else {
            platformShare(merchant, named, amount);
        }
        amount(named.id(), namedAfter);
    }

    /** A positive delta of at most two decimals (45 when not positive, 365 otherwise). */
    private static BigDecimal delta(BigDecimal delta) {
        Validation.required("Earning", delta);
        if (delta.signum() <= 0) {
            throw new KasaException(KasaError.MARKETPLACE_AMOUNT_NOT_POSITIVE,
                    new LocalizedText("Earning sıfırdan büyük olmalıdır", "Earning must be greater than 0"));
        }
        if (delta.compareTo(MAX_AMOUNT) > 0 || delta.stripTrailingZeros().scale() > 2) {
            throw new KasaException(KasaError.EARNING_AMOUNT_INVALID);
        }
        return delta.setScale(2);
    }

    /**
     * The platform's new share of a member's product, decided as the member's was: waiting
     * for approval with it, or approved with it (its date, approval and transfer description)
     * and waiting as the merchant's platform earnings wait.
     */
    private void platformShare(MerchantId merchant, Earning member, BigDecimal amount) {
        EarningStatus status = member.status() == EarningStatus.CALCULATED ? EarningStatus.CALCULATED
                : settings.get(merchant).manualTrigger() ? EarningStatus.POOLED : EarningStatus.SCHEDULED;
        jdbc.sql("""
                        insert into earning (merchant_id, payment_id, product_id, member_id, currency_id, amount, commission,
                            earning_date, payable_date, approved_at, payout_description, platform_calculated, status,
                            created_at, updated_at)
                        select merchant_id, payment_id, product_id, null, currency_id, :amount, commission,
                            earning_date, payable_date, approved_at, payout_description, platform_calculated, :status,
                            :now, :now
                        from earning where id = :member""")
                .param("member", member.id()).param("amount", amount)
                .param("status", status.name()).param("now", SqlTime.of(time.now()))
                .update();
    }

    private void payable(long earningId, LocalDate date) {
        jdbc.sql("update earning set payable_date = :date, updated_at = :now where id = :id")
                .param("date", date).param("now", SqlTime.of(time.now())).param("id", earningId)
                .update();
    }

    private void amount(long earningId, BigDecimal amount) {
        jdbc.sql("update earning set amount = :amount, updated_at = :now where id = :id")
                .param("amount", amount).param("now", SqlTime.of(time.now())).param("id", earningId)
                .update();
    }

    /** Refuses earnings on their way to a bank (366), paid (35), reversed or rejected (362). */
    private static List<Earning> requireChangeable(List<Earning> earnings) {
        for (Earning earning : earnings) {
            if (!EarningStatus.CHANGEABLE.contains(earning.status())) {
                throw new KasaException(switch (earning.status()) {
                    case ORDERED -> KasaError.EARNING_IN_PAYMENT_QUEUE;
                    case PAID -> KasaError.EARNING_ALREADY_SENT;
                    default -> KasaError.EARNING_CHANGES_REFUSED;
                });
            }
        }
        return earnings;
    }

    /** Refuses earnings still waiting for approval (362): their reflection date is set when they are approved. */
    private static List<Earning> requireDated(List<Earning> earnings) {
        if (earnings.stream().anyMatch(earning -> earning.status() == EarningStatus.CALCULATED)) {
            throw new KasaException(KasaError.EARNING_CHANGES_REFUSED);
        }
        return earnings;
    }

    /** The payment's earnings, locked, and those the target names (a product's member share first). */
    private record Locked(List<Earning> ofPayment, List<Earning> named) {
    }

    /**
     * Takes the marketplace lock of the sale the target belongs to, then its earnings, and
     * reads them as locked. A sale the lock does not find has no earnings, as far as this
     * transaction may know. Another merchant's ids are not found, exactly like ids nobody has (34).
     */
    private Locked lock(MerchantId merchant, Target target) {
        Optional<UUID> payment = switch (target) {
            case OfProduct product -> soldProducts.products(merchant, List.of(product.productId())).stream()
                    .map(SoldProducts.Product::saleId).findFirst();
            case OfPayment of -> soldProducts.of(merchant, of.paymentId()).map(SoldProducts.Sale::id);
            case OfId id -> jdbc.sql("select payment_id from earning where id = :id and merchant_id = :merchant")
                    .param("id", id.earningId()).param("merchant", merchant.value()).query(UUID.class).optional();
        };
        UUID paymentId = payment.orElseThrow(() -> new KasaException(KasaError.EARNING_NOT_FOUND));
        if (products.lock(List.of(paymentId)).isEmpty()) {
            throw new KasaException(KasaError.EARNING_NOT_FOUND);
        }
        // rows are locked as the sort returns them, so in id order, and read as locked
        List<Earning> ofPayment = jdbc.sql("select " + Earnings.COLUMNS
                        + " where e.payment_id = :payment order by e.id for update of e")
                .param("payment", paymentId).query(Earnings::earning).list();
        List<Earning> named = switch (target) {
            case OfProduct product -> {
                List<Earning> shares = ofPayment.stream().filter(e -> e.paywallProductId() == product.productId())
                        .sorted(Comparator.comparing(Earning::isPlatform)).toList();
                yield product.applyAll() || shares.stream().allMatch(Earning::isPlatform)
                        ? shares : shares.stream().filter(e -> !e.isPlatform()).toList();
            }
            case OfPayment of -> ofPayment;
            case OfId id -> ofPayment.stream().filter(e -> e.id() == id.earningId()).toList();
        };
        if (named.isEmpty()) {
            throw new KasaException(KasaError.EARNING_NOT_FOUND);
        }
        return new Locked(ofPayment, named);
    }
}
