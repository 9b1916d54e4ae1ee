package io.kasa.server.terminal;

import java.util.List;
import java.util.Set;

/**
 * The terminal providers Kasa can reach. The built-in one is the Kasa terminal agent over
 * the live connection; third-party terminal clouds are added here with their service
 * parameters.
 */
public final class Providers {

    public static final int KASA_BRAND = DeviceBrand.KASA.id();
    public static final int KASA_PROVIDER = PaymentProvider.KASA.id();
    public static final int TURKEY = io.kasa.server.terminal.Region.TURKEY.id();

    public record ServiceParameter(String name, String type, int groupType, String desciption, String length,
                                   boolean isRequired, String value) {
    }

    public record Provider(int brand, int provider, int region, boolean isActive, String name, boolean isReporting,
                           boolean isAsyncPayment, boolean isSocketPayment, List<ServiceParameter> serviceParameters) {

        Set<String> parameterNames() {
            return Set.copyOf(serviceParameters.stream().map(ServiceParameter::name).toList());
        }
    }

    public record Brand(int id, int brand, String name, boolean isActive) {
    }

    public record Region(int id, int region, String name, boolean isActive) {
    }

    /** The {@code GET /api/provider/list} result. */
    public record Catalog(List<Provider> providers, List<Brand> brands, List<Region> regions) {
    }

    private static final Provider KASA = new Provider(KASA_BRAND, KASA_PROVIDER, TURKEY, true, "Kasa",
            false, true, true, List.of());

    private static final Catalog CATALOG = new Catalog(
            List.of(KASA),
            List.of(new Brand(KASA_BRAND, KASA_BRAND, "Kasa", true)),
            List.of(new Region(TURKEY, TURKEY, "Türkiye", true)));

    private Providers() {
    }

    public static Catalog catalog() {
        return CATALOG;
    }

    /** The catalog for one region: its providers, the brands they belong to, and the region itself. */
    public static Catalog inRegion(int region) {
        List<Provider> providers = CATALOG.providers().stream().filter(provider -> provider.region() == region).toList();
        return new Catalog(
                providers,
                CATALOG.brands().stream()
                        .filter(brand -> providers.stream().anyMatch(provider -> provider.brand() == brand.brand()))
                        .toList(),
                CATALOG.regions().stream().filter(candidate -> candidate.region() == region).toList());
    }

    public static String providerName(int provider) {
        return CATALOG.providers().stream().filter(p -> p.provider() == provider).map(Provider::name).findFirst().orElse(null);
    }

    public static String brandName(int brand) {
        return CATALOG.brands().stream().filter(b -> b.brand() == brand).map(Brand::name).findFirst().orElse(null);
    }

    public static String regionName(int region) {
        return CATALOG.regions().stream().filter(r -> r.region() == region).map(Region::name).findFirst().orElse(null);
    }

    static Provider find(int brand, int provider, int region) {
        return CATALOG.providers().stream()
                .filter(candidate -> candidate.brand() == brand && candidate.provider() == provider && candidate.region() == region)
                .findFirst()
                .orElse(null);
    }
}
