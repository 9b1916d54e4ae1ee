package io.kasa.server.merchant.web;

import io.kasa.server.merchant.CreatedMerchant;
import io.kasa.server.merchant.IssuedKey;
import io.kasa.server.merchant.KeyInfo;
import io.kasa.server.merchant.KeyKind;
import io.kasa.server.merchant.Merchant;
import io.kasa.server.merchant.MerchantKeys;
import io.kasa.server.merchant.Merchants;
import io.kasa.server.shared.BusinessTime;
import io.kasa.server.shared.MerchantId;
import io.kasa.server.shared.Validation;
import io.kasa.server.shared.web.Paging;
import io.kasa.server.shared.web.PhysicalEnvelope;
import io.kasa.server.shared.web.Status;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/** The operator's API: merchants and their credentials. Authenticated by the admin token. */
@RestController
@RequestMapping("/admin/merchants")
class AdminController {


    private final Merchants merchants;
    private final MerchantKeys keys;
    private final BusinessTime time;

    AdminController(Merchants merchants, MerchantKeys keys, BusinessTime time) {
        this.merchants = merchants;
        this.keys = keys;
        this.time = time;
    }

    record CreateMerchant(String name) {
    }

    record CreatedMerchantView(UUID merchantId, String name, LocalDateTime createdDate, UUID connectionId,
                               List<IssuedKeyView> keys) {
    }

    record IssuedKeyView(UUID keyId, String kind, String client, String secret, LocalDateTime createdDate) {
    }

    record MerchantItem(UUID id, String name, LocalDateTime createdDate) {
    }

    record MerchantDetail(UUID id, String name, LocalDateTime createdDate, List<KeyView> keys) {
    }

    record KeyView(UUID keyId, String kind, String client, LocalDateTime createdDate, LocalDateTime expiresDate,
                   LocalDateTime revokedDate, boolean active) {
    }

    record IssueKey(String kind) {
    }

    record RotateKey(Long graceSeconds) {
    }

    record Settings(Integer orderTtlSeconds) {
    }

    @PostMapping
    PhysicalEnvelope create(@RequestBody CreateMerchant request) {
        CreatedMerchant created = merchants.create(request.name(), false);
        Merchant merchant = created.merchant();
        return PhysicalEnvelope.success(new CreatedMerchantView(merchant.id(), merchant.name(),
                time.local(merchant.createdAt()), created.connectionId(),
                created.keys().stream().map(this::view).toList()));
    }

    @GetMapping
    PhysicalEnvelope list(@RequestParam(required = false) Integer pageIndex,
                          @RequestParam(required = false) Integer pageSize) {
        Paging paging = Paging.of(pageIndex, pageSize);
        return PhysicalEnvelope.success(merchants.list(paging)
                .map(merchant -> new MerchantItem(merchant.id(), merchant.name(), time.local(merchant.createdAt()))));
    }

    @GetMapping("/{merchantId}")
    PhysicalEnvelope detail(@PathVariable UUID merchantId) {
        Merchant merchant = merchants.get(new MerchantId(merchantId));
        List<KeyView> views = keys.list(new MerchantId(merchantId)).stream().map(this::view).toList();
        return PhysicalEnvelope.success(new MerchantDetail(merchant.id(), merchant.name(),
                time.local(merchant.createdAt()), views));
    }

    @PostMapping("/{merchantId}/keys")
    PhysicalEnvelope issue(@PathVariable UUID merchantId, @RequestBody IssueKey request) {
        KeyKind kind = KeyKind.required(request.kind());
        return PhysicalEnvelope.success(view(keys.issue(new MerchantId(merchantId), kind)));
    }

    @PostMapping("/{merchantId}/keys/{keyId}/rotate")
    PhysicalEnvelope rotate(@PathVariable UUID merchantId, @PathVariable UUID keyId,
                            @RequestBody(required = false) RotateKey request) {
        Duration grace = MerchantKeys.grace(request == null ? null : request.graceSeconds());
        return PhysicalEnvelope.success(view(keys.rotate(new MerchantId(merchantId), keyId, grace)));
    }

    @PostMapping("/{merchantId}/keys/{keyId}/revoke")
    PhysicalEnvelope revoke(@PathVariable UUID merchantId, @PathVariable UUID keyId) {
        keys.revoke(new MerchantId(merchantId), keyId);
        return PhysicalEnvelope.success(Status.OK);
    }

    /** Merchant settings: {@code OrderTtlSeconds} (10–86400, or null for the server default). */
    @PutMapping("/{merchantId}/settings")
    PhysicalEnvelope settings(@PathVariable UUID merchantId, @RequestBody Settings request) {
        Integer ttl = request.orderTtlSeconds();
        if (ttl != null) {
            Validation.between("OrderTtlSeconds", ttl, 10, 86_400);
        }
        merchants.setOrderTtl(new MerchantId(merchantId), ttl == null ? null : Duration.ofSeconds(ttl));
        return PhysicalEnvelope.success(Status.OK);
    }

    private IssuedKeyView view(IssuedKey key) {
        return new IssuedKeyView(key.keyId(), key.kind().wireName(), key.client(), key.secret(), time.local(key.createdAt()));
    }

    private KeyView view(KeyInfo key) {
        return new KeyView(key.keyId(), key.kind().wireName(), key.client(), time.local(key.createdAt()),
                time.local(key.expiresAt()), time.local(key.revokedAt()), key.active());
    }
}
