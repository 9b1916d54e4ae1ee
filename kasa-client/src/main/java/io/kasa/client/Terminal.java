package io.kasa.client;

import java.time.LocalDateTime;
import java.util.UUID;

/**
 * A terminal list item. {@code id} is what requests take as {@code TerminalId}; the item's own
 * {@code terminalId} is the provider's terminal number ({@code K} and six digits for the
 * built-in provider). {@code sourceId}, {@code sourceCreatedDate}, {@code sourceUpdateDate}
 * and {@code merchantId} describe the provider's record of the terminal and the merchant's
 * number at the provider, as Paywall lists them. Dates are local date-times in the server's
 * business time zone; {@code lastSeenDate} is null if the device never connected.
 */
public record Terminal(UUID id, UUID connectionId, int brandId, int providerId, int regionId,
                       String connectionName, String sourceId, String terminalId, String serialNo,
                       LocalDateTime sourceCreatedDate, LocalDateTime sourceUpdateDate, String merchantId,
                       String name, String model, boolean isPaired, boolean isSocketConnected,
                       LocalDateTime lastSeenDate) {
}
