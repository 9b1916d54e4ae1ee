package io.kasa.server.lookup.web;

import io.kasa.server.lookup.PaywallTables;
import io.kasa.server.shared.Language;
import io.kasa.server.shared.web.PhysicalEnvelope;
import io.kasa.server.shared.web.RequestContext;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * The lookup tables of Paywall's Physical pages, one {@code GET /api/lookup/<table>} each
 * (a Kasa extension, private pair, Physical envelope): {@code Result} is the whole table as
 * {@code [{Id, Name, Description, IsActive}]}, {@code Name} as the API writes it in its
 * {@code ...Name} fields, {@code Description} in the caller's language.
 */
@RestController
class LookupController {

    record LookupItem(int id, String name, String description, boolean isActive) {
    }

    @GetMapping("/api/lookup/payment-statuses")
    PhysicalEnvelope paymentStatuses(HttpServletRequest request) {
        return table("payment-statuses", request);
    }

    @GetMapping("/api/lookup/payment-types")
    PhysicalEnvelope paymentTypes(HttpServletRequest request) {
        return table("payment-types", request);
    }

    @GetMapping("/api/lookup/payment-channels")
    PhysicalEnvelope paymentChannels(HttpServletRequest request) {
        return table("payment-channels", request);
    }

    @GetMapping("/api/lookup/currencies")
    PhysicalEnvelope currencies(HttpServletRequest request) {
        return table("currencies", request);
    }

    @GetMapping("/api/lookup/payment-methods")
    PhysicalEnvelope paymentMethods(HttpServletRequest request) {
        return table("payment-methods", request);
    }

    @GetMapping("/api/lookup/customer-types")
    PhysicalEnvelope customerTypes(HttpServletRequest request) {
        return table("customer-types", request);
    }

    @GetMapping("/api/lookup/tax-groups")
    PhysicalEnvelope taxGroups(HttpServletRequest request) {
        return table("tax-groups", request);
    }

    @GetMapping("/api/lookup/unit-codes")
    PhysicalEnvelope unitCodes(HttpServletRequest request) {
        return table("unit-codes", request);
    }

    @GetMapping("/api/lookup/brands")
    PhysicalEnvelope brands(HttpServletRequest request) {
        return table("brands", request);
    }

    @GetMapping("/api/lookup/providers")
    PhysicalEnvelope providers(HttpServletRequest request) {
        return table("providers", request);
    }

    @GetMapping("/api/lookup/regions")
    PhysicalEnvelope regions(HttpServletRequest request) {
        return table("regions", request);
    }

    @GetMapping("/api/lookup/value-days")
    PhysicalEnvelope valueDays(HttpServletRequest request) {
        return table("value-days", request);
    }

    @GetMapping("/api/lookup/transaction-statuses")
    PhysicalEnvelope transactionStatuses(HttpServletRequest request) {
        return table("transaction-statuses", request);
    }

    @GetMapping("/api/lookup/transaction-types")
    PhysicalEnvelope transactionTypes(HttpServletRequest request) {
        return table("transaction-types", request);
    }

    @GetMapping("/api/lookup/card-brands")
    PhysicalEnvelope cardBrands(HttpServletRequest request) {
        return table("card-brands", request);
    }

    @GetMapping("/api/lookup/card-origins")
    PhysicalEnvelope cardOrigins(HttpServletRequest request) {
        return table("card-origins", request);
    }

    @GetMapping("/api/lookup/card-types")
    PhysicalEnvelope cardTypes(HttpServletRequest request) {
        return table("card-types", request);
    }

    private static PhysicalEnvelope table(String name, HttpServletRequest request) {
        Language language = RequestContext.language(request);
        List<LookupItem> items = PaywallTables.named(name).stream()
                .map(row -> new LookupItem(row.id(), row.wireName(), row.label().in(language), row.isActive()))
                .toList();
        return PhysicalEnvelope.success(items);
    }
}
