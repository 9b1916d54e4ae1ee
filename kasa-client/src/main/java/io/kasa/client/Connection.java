package io.kasa.client;

import java.util.UUID;

/** A connection list item; {@code id} is the {@code ConnectionId} other requests take. */
public record Connection(UUID id, String name, String displayName, int endOfDayId, boolean isReporting,
                         boolean isAsyncPayment, boolean isSocketPayment, int brandId, int providerId, int regionId,
                         boolean isProd, boolean isConnected) {
}
