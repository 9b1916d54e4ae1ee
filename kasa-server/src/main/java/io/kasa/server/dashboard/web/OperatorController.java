package io.kasa.server.dashboard.web;

import io.kasa.server.merchant.CreatedMerchant;
import io.kasa.server.merchant.IssuedKey;
import io.kasa.server.merchant.KeyInfo;
import io.kasa.server.merchant.KeyKind;
import io.kasa.server.merchant.Merchant;
import io.kasa.server.merchant.MerchantKeys;
import io.kasa.server.merchant.Merchants;
import io.kasa.server.shared.BusinessTime;
import io.kasa.server.shared.MerchantId;
import io.kasa.server.shared.web.Paging;
import io.kasa.server.shared.web.PhysicalEnvelope;
import io.kasa.server.shared.web.Status;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The operator's views: merchants and their keys. A secret appears only in the answer that
 * issues it (a new merchant, an issued or a rotated key) and is never logged.
 */
@RestController
class OperatorController {


    private final Merchants merchants;
    private final MerchantKeys keys;
    private final BusinessTime time;

    OperatorController(Merchants merchants, MerchantKeys keys, BusinessTime time) {
        this.merchants = merchants;
        this.keys = keys;
        this.time = time;
    }

    record CreateMerchant(String name) {
    }

    record MerchantItem(UUID id, String name, boolean isDemo, LocalDateTime createdDate) {
    }

    record MerchantDetail(UUID id, String name, boolean isDemo, LocalDateTime createdDate, List<KeyItem> keys) {
    }

    record CreatedMerchantView(MerchantItem merchant, List<IssuedKeyView> keys) {
    }

    record KeyItem(UUID keyId, String kind, String client, LocalDateTime createdDate, LocalDateTime expiresDate,
                   LocalDateTime revokedDate, boolean active) {
    }

    record IssuedKeyView(UUID keyId, String kind, String client, String secret, LocalDateTime createdDate) {
        @Override
        public String toString() {
            return "IssuedKeyView[" + keyId + ", " + kind + ", " + client + "]";
        }
    }

    record IssueKey(String kind) {
    }

    record RotateKey(Long graceSeconds) {
    }

    @GetMapping("/dashboard/api/operator/merchants")
    PhysicalEnvelope list(@RequestParam(required = false) Integer pageIndex,
                          @RequestParam(required = false) Integer pageSize) {
        return PhysicalEnvelope.success(merchants.list(Paging.of(pageIndex, pageSize), true).map(this::item));
    }

    @PostMapping("/dashboard/api/operator/merchants")
    PhysicalEnvelope create(@RequestBody CreateMerchant request) {
        CreatedMerchant created = merchants.create(request.name(), false);
        return PhysicalEnvelope.success(new CreatedMerchantView(item(created.merchant()),
                created.keys().stream().map(this::issued).toList()));
    }

    @GetMapping("/dashboard/api/operator/merchants/{merchantId}")
    PhysicalEnvelope detail(@PathVariable UUID merchantId) {
        MerchantId id = new MerchantId(merchantId);
        Merchant merchant = merchants.get(id);
        return PhysicalEnvelope.success(new MerchantDetail(merchant.id(), merchant.name(), merchant.demo(),
                time.local(merchant.createdAt()), keys.list(id).stream().map(this::key).toList()));
    }

    @PostMapping("/dashboard/api/operator/merchants/{merchantId}/keys")
    PhysicalEnvelope issue(@PathVariable UUID merchantId, @RequestBody IssueKey request) {
        KeyKind kind = KeyKind.required(request.kind());
        return PhysicalEnvelope.success(issued(keys.issue(new MerchantId(merchantId), kind)));
    }

    @PostMapping("/dashboard/api/operator/merchants/{merchantId}/keys/{keyId}/rotate")
    PhysicalEnvelope rotate(@PathVariable UUID merchantId, @PathVariable UUID keyId,
                            @RequestBody(required = false) RotateKey request) {
        Duration grace = MerchantKeys.grace(request == null ? null : request.graceSeconds());
        return PhysicalEnvelope.success(issued(keys.rotate(new MerchantId(merchantId), keyId, grace)));
    }

    @PostMapping("/dashboard/api/operator/merchants/{merchantId}/keys/{keyId}/revoke")
    PhysicalEnvelope revoke(@PathVariable UUID merchantId, @PathVariable UUID keyId) {
        keys.revoke(new MerchantId(merchantId), keyId);
        return PhysicalEnvelope.success(Status.OK);
    }

    private MerchantItem item(Merchant merchant) {
        return new MerchantItem(merchant.id(), merchant.name(), merchant.demo(), time.local(merchant.createdAt()));
    }

    private IssuedKeyView issued(IssuedKey key) {
        return new IssuedKeyView(key.keyId(), key.kind().wireName(), key.client(), key.secret(), time.local(key.createdAt()));
    }

    private KeyItem key(KeyInfo key) {
        return new KeyItem(key.keyId(), key.kind().wireName(), key.client(), time.local(key.createdAt()),
                time.local(key.expiresAt()), time.local(key.revokedAt()), key.active());
    }
}
