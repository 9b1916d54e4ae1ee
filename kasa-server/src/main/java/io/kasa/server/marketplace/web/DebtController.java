package io.kasa.server.marketplace.web;

import io.kasa.server.marketplace.Debt;
import io.kasa.server.marketplace.Debts;
import io.kasa.server.payment.Lookups;
import io.kasa.server.payment.Payments;
import io.kasa.server.shared.BusinessTime;
import io.kasa.server.shared.KasaError;
import io.kasa.server.shared.KasaException;
import io.kasa.server.shared.LocalizedText;
import io.kasa.server.shared.MerchantId;
import io.kasa.server.shared.Validation;
import io.kasa.server.shared.web.MarketplaceEnvelope;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Paywall's debt calls (notes §7.4): the debt reports by product and by payment, and the
 * merchant's changes to an open debt. A change answers {@code Body: null}, as Paywall's
 * earning changes do.
 */
@RestController
class DebtController {

    private static final String PATH = "/api/paywall/marketplace";
    private static final int MAX_INTEGER_DIGITS = 12;

    private final Debts debts;
    private final Payments payments;
    private final BusinessTime time;

    DebtController(Debts debts, Payments payments, BusinessTime time) {
        this.debts = debts;
        this.payments = payments;
        this.time = time;
    }

    record DebtItem(long debtId, int type, String typeName, long memberId, String memberName, int currencyId, String currency,
                    long productId, BigDecimal productAmount, BigDecimal debtAmount, int debtStatusId,
                    UUID debtTransactionId, CargoItem cargo, DiscountItem discount,
                    LocalDateTime calculationDateTime) {
    }

    record CargoItem(Long cargoId, int cargoOwnerType, BigDecimal cargoCost) {
    }

    record DiscountItem(Long discountId, int discountOwnerType, Integer discountType, BigDecimal discount) {
    }

    /** The body of debt/increase/id, debt/decrease/id ({@code Id}, {@code Debt}) and debt/delete/id ({@code Id}). */
    record DebtChange(String id, BigDecimal debt) {
    }

    @GetMapping(PATH + "/report/debt/product")
    MarketplaceEnvelope byProduct(MerchantId merchant, @RequestHeader(value = "productid", required = false) String productId) {
        long product = Validation.integerId("productid", productId);
        if (!debts.hasProduct(merchant, product)) {
            throw new KasaException(KasaError.PAYMENT_REQUEST_NOT_FOUND);
        }
        return MarketplaceEnvelope.success(items(debts.ofProduct(merchant, product)));
    }

    @GetMapping(PATH + "/report/debt/payment")
    MarketplaceEnvelope byPayment(MerchantId merchant, @RequestHeader(value = "paymentid", required = false) String paymentId) {
        UUID payment = payments.getByPaymentId(merchant, Validation.integerId("paymentid", paymentId)).id();
        return MarketplaceEnvelope.success(items(debts.ofPayment(merchant, payment)));
    }

    @PutMapping(PATH + "/debt/increase/id")
    MarketplaceEnvelope increase(MerchantId merchant, @RequestBody DebtChange change) {
        debts.increase(merchant, id(change), amount(change));
        return MarketplaceEnvelope.success(null);
    }

    @PutMapping(PATH + "/debt/decrease/id")
    MarketplaceEnvelope decrease(MerchantId merchant, @RequestBody DebtChange change) {
        debts.decrease(merchant, id(change), amount(change));
        return MarketplaceEnvelope.success(null);
    }

    @DeleteMapping(PATH + "/debt/delete/id")
    MarketplaceEnvelope delete(MerchantId merchant, @RequestBody DebtChange change) {
        debts.delete(merchant, id(change));
        return MarketplaceEnvelope.success(null);
    }

    private static long id(DebtChange change) {
        Validation.required("body", change);
        return Validation.integerId("Id", change.id());
    }

    /** {@code Debt}: more than zero (45), at most 2 fraction digits and 12 integer digits. */
    private static BigDecimal amount(DebtChange change) {
        BigDecimal debt = change.debt();
        if (debt == null || debt.signum() <= 0) {
            throw new KasaException(KasaError.MARKETPLACE_AMOUNT_NOT_POSITIVE, new LocalizedText(
                    "Debt alanı zorunludur ve sıfırdan büyük olmalıdır", "Debt is required and must be greater than zero"));
        }
        BigDecimal stripped = debt.stripTrailingZeros();
        if (stripped.scale() > 2 || stripped.precision() - stripped.scale() > MAX_INTEGER_DIGITS) {
            throw Validation.invalid("Debt en fazla " + MAX_INTEGER_DIGITS + " tam ve 2 ondalık basamak içerebilir",
                    "Debt may have at most " + MAX_INTEGER_DIGITS + " integer and 2 fraction digits");
        }
        return debt.setScale(2, RoundingMode.UNNECESSARY);
    }

    private List<DebtItem> items(List<Debt> found) {
        return found.stream().map(debt -> {
            var arrangement = debt.arrangement();
            CargoItem cargo = debt.type() == Debt.Type.CARGO && arrangement.cargoType() != null
                    ? new CargoItem(arrangement.cargoId(), arrangement.cargoType(), arrangement.cargoCost()) : null;
            DiscountItem discount = debt.type() == Debt.Type.DISCOUNT && arrangement.discountOwner() != null
                    ? new DiscountItem(arrangement.discountId(), arrangement.discountOwner(), arrangement.discountType(),
                    arrangement.discount()) : null;
            return new DebtItem(debt.id(), debt.type().id(), debt.type().wireName(), debt.memberId(), debt.memberName(),
                    debt.currencyId(), Lookups.CURRENCIES.get(debt.currencyId()), debt.productId(), debt.productAmount(),
                    debt.amount(), debt.status().id(), debt.payoutId(), cargo, discount, time.local(debt.createdAt()));
        }).toList();
    }
}
