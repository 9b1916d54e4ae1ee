package io.kasa.server.marketplace.web;

import io.kasa.server.marketplace.EarningChanges;
import io.kasa.server.marketplace.EarningChanges.OfId;
import io.kasa.server.marketplace.EarningChanges.OfPayment;
import io.kasa.server.marketplace.EarningChanges.OfProduct;
import io.kasa.server.marketplace.ReflectionDates;
import io.kasa.server.shared.MerchantId;
import io.kasa.server.shared.Validation;
import io.kasa.server.shared.web.MarketplaceEnvelope;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Paywall's earnings operations by product and by earning id, and the retry of failed
 * payouts by product, payment and id (notes §7.3). Each answers {@code Body: null} on
 * success. The retry paths are the SDK's: the documentation shows {@code .../retry/product}
 * on all three pages, a copy slip (notes §8.8).
 */
@RestController
class EarningOperationsController {

    private static final String PATH = "/api/paywall/marketplace/earning";

    private final EarningChanges changes;

    EarningOperationsController(EarningChanges changes) {
        this.changes = changes;
    }

    record PostponeProduct(Long productId, Integer day, Boolean applyAll) {
    }

    record AmountOfProduct(Long productId, BigDecimal earning, Boolean applyAll) {
    }

    record ReflectionOfProduct(Long productId, String reflectionDate, Boolean applyAll) {
    }

    record RetryProduct(Long productId, Boolean changeReflectionDate, String reflectionDate, Boolean applyAll) {
    }

    record RetryPayment(Long paymentId, Boolean changeReflectionDate, String reflectionDate) {
    }

    record PostponeId(Long id, Integer day) {
    }

    record AmountOfId(Long id, BigDecimal earning) {
    }

    record ReflectionOfId(Long id, String reflectionDate) {
    }

    record RetryId(Long id, Boolean changeReflectionDate, String reflectionDate) {
    }

    @PutMapping(PATH + "/postpone/product")
    MarketplaceEnvelope postpone(MerchantId merchant, @RequestBody PostponeProduct request) {
        changes.postpone(merchant, product(request.productId(), request.applyAll()), request.day());
        return MarketplaceEnvelope.success(null);
    }

    @PutMapping(PATH + "/increase/product")
    MarketplaceEnvelope increase(MerchantId merchant, @RequestBody AmountOfProduct request) {
        changes.increase(merchant, product(request.productId(), request.applyAll()), request.earning());
        return MarketplaceEnvelope.success(null);
    }

    @PutMapping(PATH + "/decrease/product")
    MarketplaceEnvelope decrease(MerchantId merchant, @RequestBody AmountOfProduct request) {
        changes.decrease(merchant, product(request.productId(), request.applyAll()), request.earning());
        return MarketplaceEnvelope.success(null);
    }

    @PutMapping(PATH + "/reflection/product")
    MarketplaceEnvelope reflection(MerchantId merchant, @RequestBody ReflectionOfProduct request) {
        OfProduct target = product(request.productId(), request.applyAll());
        changes.reflect(merchant, target, ReflectionDates.parse("ReflectionDate", request.reflectionDate()));
        return MarketplaceEnvelope.success(null);
    }

    @PutMapping(PATH + "/put/retry/product")
    MarketplaceEnvelope retry(MerchantId merchant, @RequestBody RetryProduct request) {
        OfProduct target = product(request.productId(), request.applyAll());
        changes.retry(merchant, target, newDate(request.changeReflectionDate(), request.reflectionDate()));
        return MarketplaceEnvelope.success(null);
    }

    @PutMapping(PATH + "/put/retry/payment")
    MarketplaceEnvelope retry(MerchantId merchant, @RequestBody RetryPayment request) {
        OfPayment target = new OfPayment(id("PaymentId", request.paymentId()));
        changes.retry(merchant, target, newDate(request.changeReflectionDate(), request.reflectionDate()));
        return MarketplaceEnvelope.success(null);
    }

    @PutMapping(PATH + "/postpone/id")
    MarketplaceEnvelope postpone(MerchantId merchant, @RequestBody PostponeId request) {
        changes.postpone(merchant, new OfId(id("Id", request.id())), request.day());
        return MarketplaceEnvelope.success(null);
    }

    @PutMapping(PATH + "/increase/id")
    MarketplaceEnvelope increase(MerchantId merchant, @RequestBody AmountOfId request) {
        changes.increase(merchant, new OfId(id("Id", request.id())), request.earning());
        return MarketplaceEnvelope.success(null);
    }

    @PutMapping(PATH + "/decrease/id")
    MarketplaceEnvelope decrease(MerchantId merchant, @RequestBody AmountOfId request) {
        changes.decrease(merchant, new OfId(id("Id", request.id())), request.earning());
        return MarketplaceEnvelope.success(null);
    }

    @PutMapping(PATH + "/reflection/id")
    MarketplaceEnvelope reflection(MerchantId merchant, @RequestBody ReflectionOfId request) {
        OfId target = new OfId(id("Id", request.id()));
        changes.reflect(merchant, target, ReflectionDates.parse("ReflectionDate", request.reflectionDate()));
        return MarketplaceEnvelope.success(null);
    }

    @PutMapping(PATH + "/put/retry/id")
    MarketplaceEnvelope retry(MerchantId merchant, @RequestBody RetryId request) {
        OfId target = new OfId(id("Id", request.id()));
        changes.retry(merchant, target, newDate(request.changeReflectionDate(), request.reflectionDate()));
        return MarketplaceEnvelope.success(null);
    }

    private static OfProduct product(Long productId, Boolean applyAll) {
        return new OfProduct(id("ProductId", productId), Boolean.TRUE.equals(applyAll));
    }

    /** One of Paywall's integer ids in a body field: required, 1 or greater. */
    private static long id(String field, Long value) {
        return Validation.integerId(field, value == null ? null : value.toString());
    }

    /** The new reflection date of a retry: required when {@code ChangeReflectionDate}, ignored otherwise. */
    private static LocalDate newDate(Boolean changeReflectionDate, String reflectionDate) {
        return Boolean.TRUE.equals(changeReflectionDate) ? ReflectionDates.parse("ReflectionDate", reflectionDate) : null;
    }
}
