package io.kasa.server.terminal;

import java.util.Map;

/** What a merchant sets on a connection, validated. */
public record ConnectionSettings(String name, String displayName, int brandId, int providerId, int regionId,
                                 int endOfDayId, boolean isProd, boolean isReporting, boolean isAsyncPayment,
                                 boolean isSocketPayment, Map<String, String> serviceParameters) {

    public ConnectionSettings {
        serviceParameters = Map.copyOf(serviceParameters);
    }
}
