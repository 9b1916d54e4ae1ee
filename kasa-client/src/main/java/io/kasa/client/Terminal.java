package io.kasa.client;

import java.time.LocalDateTime;
import java.util.UUID;

/**
 * A terminal list item. {@code id} is what requests take as {@code TerminalId}; the item's own
 * {@code terminalId} is the provider's terminal number ({@code K} and six digits for the
 * built-in provider). {@code lastSeenDate} is a local date-time in the server's business
 * time zone, null if the device never connected.
 */
public record Terminal(UUID id, UUID connectionId, int brandId, int providerId, int regionId,
                       String connectionName, String terminalId, String serialNo, String name, String model,
                       boolean isPaired, boolean isSocketConnected, LocalDateTime lastSeenDate) {
}
