package io.kasa.client;

import java.time.LocalDateTime;
import java.util.UUID;

/**
 * Where a pair request stands. {@code completedDate} and {@code terminalPairId} are set once
 * {@link PairStatus#COMPLETED}; dates are local date-times in the server's business time zone.
 */
public record PairRequestStatus(UUID pairRequestId, UUID terminalId, PairStatus status,
                                LocalDateTime createdDate, LocalDateTime expiresDate,
                                LocalDateTime completedDate, UUID terminalPairId) {
}
