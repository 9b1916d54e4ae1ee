package io.kasa.client;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * A product line of a recorded payment ({@code POST /api/payment/products}), with the names
 * of its tax group and unit code. {@code paymentMethodId} and {@code memberId} are null when
 * the order did not give them. {@code memberId} is the member's integer {@code MemberId};
 * {@code productId} the integer {@code ProductId} the marketplace calls take, beside the
 * GUID {@code id} (Kasa adds it; null from a server that does not send it).
 */
public record PaymentProduct(UUID id, String name, BigDecimal amount, int quantity, int taxGroupId,
                             String taxGroupName, int unitCodeId, String unitCodeName, Integer paymentMethodId,
                             Long memberId, Long productId) {
}
