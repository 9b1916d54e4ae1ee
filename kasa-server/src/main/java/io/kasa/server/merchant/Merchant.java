package io.kasa.server.merchant;

import java.time.Instant;
import java.util.UUID;

public record Merchant(UUID id, String name, boolean demo, Instant createdAt) {
}
