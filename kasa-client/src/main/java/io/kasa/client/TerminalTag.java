package io.kasa.client;

import java.time.LocalDateTime;
import java.util.UUID;

/**
 * A tag list item: {@code id} is the {@code TerminalTagId}; {@code terminalId} the tagged
 * terminal's {@code Id}. An inactive tag does not stand in for its terminal.
 */
public record TerminalTag(UUID id, UUID terminalId, String name, String code, boolean isActive,
                          LocalDateTime createdDate, LocalDateTime updateDate) {
}
