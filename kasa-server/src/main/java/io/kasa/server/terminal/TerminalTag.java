package io.kasa.server.terminal;

import java.time.Instant;
import java.util.UUID;

public record TerminalTag(UUID id, UUID terminalId, String name, String code, boolean isActive, Instant createdAt,
                          Instant updatedAt) {
}
