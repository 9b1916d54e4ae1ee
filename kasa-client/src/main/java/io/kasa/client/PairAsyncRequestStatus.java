package io.kasa.client;

import java.time.LocalDateTime;
import java.util.UUID;

/**
 * Where an async pair request stands. {@code claimedDate}, {@code serialNo}, {@code model} and
 * {@code appVersion} describe the device that entered the code, once one has; {@code completedDate}
 * and {@code terminalPairId} are set once {@link PairAsyncStatus#COMPLETED}. Dates are local
 * date-times in the server's business time zone.
 */
public record PairAsyncRequestStatus(UUID pairAsyncRequestId, UUID terminalId, PairAsyncStatus status,
                                     LocalDateTime createdDate, LocalDateTime expiresDate, LocalDateTime claimedDate,
                                     String serialNo, String model, String appVersion, LocalDateTime completedDate,
                                     UUID terminalPairId) {
}
