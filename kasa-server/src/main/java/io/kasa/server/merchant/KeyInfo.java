package io.kasa.server.merchant;

import java.time.Instant;
import java.util.UUID;

/** What is known of a credential after issue: never its secret. */
public record KeyInfo(UUID keyId, KeyKind kind, String client, Instant createdAt, Instant expiresAt,
                      Instant revokedAt, boolean active) {
}
