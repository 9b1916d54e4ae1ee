package io.kasa.client;

import java.util.Map;

/**
 * A connection to create or update: the provider it reaches ({@code brandId},
 * {@code providerId}, {@code regionId}, see {@link Providers}), its value day
 * ({@code endOfDayId}), the name shown on devices ({@code displayName}, ≤25, optional), its
 * switches, the provider's {@code serviceParameters} (keys from the provider's
 * {@code ServiceParameters} names) and the merchant's own {@code name} (1–100).
 * Rules are the server's to enforce; values are sent as given.
 */
public record ConnectionSettings(int brandId, int providerId, int regionId, int endOfDayId, String displayName,
                                 boolean isProd, boolean isReporting, boolean isAsyncPayment, boolean isSocketPayment,
                                 Map<String, String> serviceParameters, String name) {

    /** Brand, provider and region of the built-in Kasa provider (the Kasa terminal agent). */
    public static final int BUILT_IN_BRAND = 100;
    public static final int BUILT_IN_PROVIDER = 100;
    public static final int BUILT_IN_REGION = 1;

    /**
     * Settings for a provider with defaults: next-day value ({@code endOfDayId} 1), no display
     * name, test mode, no reporting, async and socket payments on, no service parameters.
     */
    public static ConnectionSettings of(int brandId, int providerId, int regionId, String name) {
        return new ConnectionSettings(brandId, providerId, regionId, 1, null,
                false, false, true, true, Map.of(), name);
    }

    /** {@link #of} for the built-in Kasa provider, which takes no service parameters. */
    public static ConnectionSettings builtIn(String name) {
        return of(BUILT_IN_BRAND, BUILT_IN_PROVIDER, BUILT_IN_REGION, name);
    }

    public ConnectionSettings withName(String name) {
        return new ConnectionSettings(brandId, providerId, regionId, endOfDayId, displayName,
                isProd, isReporting, isAsyncPayment, isSocketPayment, serviceParameters, name);
    }

    public ConnectionSettings withDisplayName(String displayName) {
        return new ConnectionSettings(brandId, providerId, regionId, endOfDayId, displayName,
                isProd, isReporting, isAsyncPayment, isSocketPayment, serviceParameters, name);
    }

    public ConnectionSettings withEndOfDayId(int endOfDayId) {
        return new ConnectionSettings(brandId, providerId, regionId, endOfDayId, displayName,
                isProd, isReporting, isAsyncPayment, isSocketPayment, serviceParameters, name);
    }

    public ConnectionSettings withProd(boolean isProd) {
        return new ConnectionSettings(brandId, providerId, regionId, endOfDayId, displayName,
                isProd, isReporting, isAsyncPayment, isSocketPayment, serviceParameters, name);
    }

    public ConnectionSettings withReporting(boolean isReporting) {
        return new ConnectionSettings(brandId, providerId, regionId, endOfDayId, displayName,
                isProd, isReporting, isAsyncPayment, isSocketPayment, serviceParameters, name);
    }

    public ConnectionSettings withAsyncPayment(boolean isAsyncPayment) {
        return new ConnectionSettings(brandId, providerId, regionId, endOfDayId, displayName,
                isProd, isReporting, isAsyncPayment, isSocketPayment, serviceParameters, name);
    }

    public ConnectionSettings withSocketPayment(boolean isSocketPayment) {
        return new ConnectionSettings(brandId, providerId, regionId, endOfDayId, displayName,
                isProd, isReporting, isAsyncPayment, isSocketPayment, serviceParameters, name);
    }

    public ConnectionSettings withServiceParameters(Map<String, String> serviceParameters) {
        return new ConnectionSettings(brandId, providerId, regionId, endOfDayId, displayName,
                isProd, isReporting, isAsyncPayment, isSocketPayment, serviceParameters, name);
    }
}
