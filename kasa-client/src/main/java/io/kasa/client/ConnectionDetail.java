package io.kasa.client;

import java.util.Map;
import java.util.UUID;

/**
 * One connection in full: the list item's fields plus {@code isDelete} and the
 * {@code serviceParameters}, whose values come back masked as {@code ***}.
 */
public record ConnectionDetail(UUID id, String name, String displayName, int endOfDayId, boolean isReporting,
                               boolean isAsyncPayment, boolean isSocketPayment, int brandId, int providerId,
                               int regionId, boolean isProd, boolean isConnected, boolean isDelete,
                               Map<String, String> serviceParameters) {

    public ConnectionDetail {
        serviceParameters = serviceParameters == null ? Map.of() : serviceParameters;
    }
}
