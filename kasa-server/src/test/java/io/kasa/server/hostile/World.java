package io.kasa.server.hostile;

import io.kasa.client.CreatedMerchant;
import io.kasa.client.IssuedKey;

import java.util.UUID;

/**
 * One merchant's corner of the server, built through the real API: a connected terminal
 * with a tag, a finished sale with delivered callbacks, a member, a succeeded payout job, a
 * second terminal paired by hand (its device token kept) with an async pair request pending, a revoked key and a signed-in
 * dashboard session. Every id an endpoint can take has a value of this merchant here:
 * {@code paymentId} is the sale's GUID, {@code marketplacePaymentId} its integer {@code PaymentId},
 * {@code productId} its first product's integer {@code ProductId} and {@code earningId} that
 * product's (platform) earning, paid by the payout job; {@code debtId} is the open debt a
 * member's sale with cargo left.
 */
record World(String label, CreatedMerchant merchant, UUID terminalId, UUID tagId, String tagCode, UUID paymentId,
             long marketplacePaymentId, long productId, long earningId, String merchantUniqueCode, UUID callbackId, long memberId, long bankAccountId, String memberExternalId, UUID jobId,
             UUID spareTerminalId, UUID pairRequestId, UUID pairAsyncRequestId, String deviceToken, IssuedKey revokedKey, Session session,
             long debtId) {

    /** A dashboard session: the cookie to send and its CSRF token. */
    record Session(String cookie, String csrfToken) {
    }

    UUID merchantId() {
        return merchant.merchantId();
    }

    UUID connectionId() {
        return merchant.connectionId();
    }

    IssuedKey privateKey() {
        return merchant.privateKey();
    }

    IssuedKey publicKey() {
        return merchant.publicKey();
    }

    IssuedKey webhookKey() {
        return merchant.webhookKey();
    }
}
