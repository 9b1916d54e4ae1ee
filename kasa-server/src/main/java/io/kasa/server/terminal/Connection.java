package io.kasa.server.terminal;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A merchant's link to a terminal provider. Service parameter values are secrets. */
public record Connection(UUID id, String name, String displayName, int brandId, int providerId, int regionId,
                         int endOfDayId, boolean isProd, boolean isReporting, boolean isAsyncPayment,
                         boolean isSocketPayment, Map<String, String> serviceParameters, boolean isConnected,
                         boolean isDeleted, Instant createdAt) {
}
