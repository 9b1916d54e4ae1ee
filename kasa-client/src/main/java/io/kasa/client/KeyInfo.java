package io.kasa.client;

import java.time.LocalDateTime;
import java.util.UUID;

/**
 * A merchant's key without its secret. {@code expiresDate} is set once the key was rotated
 * (it works until then), {@code revokedDate} once revoked; {@code active} says whether it
 * works now.
 */
public record KeyInfo(UUID keyId, KeyKind kind, String client, LocalDateTime createdDate,
                      LocalDateTime expiresDate, LocalDateTime revokedDate, boolean active) {
}
