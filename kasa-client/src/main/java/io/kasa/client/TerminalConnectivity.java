package io.kasa.client;

import java.time.LocalDateTime;

/**
 * Whether a terminal holds a live connection now, and when it was last seen (local
 * date-time in the server's business time zone; null if never).
 */
public record TerminalConnectivity(boolean isSocketConnected, LocalDateTime lastSeenDate) {
}
