package io.kasa.client;

import java.time.LocalDateTime;
import java.util.UUID;

/** A merchant list item. */
public record MerchantSummary(UUID id, String name, LocalDateTime createdDate) {
}
