package io.kasa.server.payment;

import java.math.BigDecimal;
import java.util.UUID;

/** A product line of a payment as stored. */
public record StoredProduct(UUID id, String name, BigDecimal amount, int quantity, int taxGroupId, int unitCodeId,
                            Integer paymentMethodId, UUID memberId) {
}
