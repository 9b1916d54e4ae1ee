package io.kasa.server.payment;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * A product line of a payment as stored: {@code id} is its GUID, {@code productId} the
 * integer {@code ProductId} the marketplace calls take, {@code memberId} the integer
 * {@code MemberId} it was sold for, or null.
 */
public record StoredProduct(UUID id, long productId, String name, BigDecimal amount, int quantity, int taxGroupId, int unitCodeId,
                            Integer paymentMethodId, Long memberId) {
}
