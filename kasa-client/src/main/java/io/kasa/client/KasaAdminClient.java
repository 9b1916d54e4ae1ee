package io.kasa.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The operator API ({@code /admin/**}, {@code Authorization: Bearer <admin token>}): creates
 * merchants and issues, rotates and revokes their keys. Answers use the Physical envelope;
 * failures are {@link KasaException}s ({@code Merchant.NotFound}, {@code Merchant.Key.NotFound},
 * {@code System.AuthError}, …). GETs are retried as {@link KasaClient}'s reads are, after a
 * failure that may have followed work done; creating, rotating and revoking keys is sent once
 * then. Immutable and thread-safe.
 */
public final class KasaAdminClient {

    private record NewMerchant(String name) {
    }

    private record NewKey(KeyKind kind) {
    }

    private record Rotation(Long graceSeconds) {
    }

    private final Transport transport;
    private final Map<String, String> headers;

    private KasaAdminClient(Transport transport, String adminToken) {
        this.transport = transport;
        this.headers = Map.of("Authorization", "Bearer " + adminToken);
    }

    /** A client with its own HTTP/1.1 connection pool and a 30 second request timeout. */
    public static KasaAdminClient create(URI baseUri, String adminToken) {
        return create(baseUri, adminToken, Transport.defaultHttpClient(), Duration.ofSeconds(30));
    }

    /** A client on a shared {@link HttpClient}. */
    public static KasaAdminClient create(URI baseUri, String adminToken, HttpClient httpClient, Duration requestTimeout) {
        KasaClient.requireHttp(baseUri);
        Objects.requireNonNull(adminToken, "adminToken");
        Objects.requireNonNull(httpClient, "httpClient");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        return new KasaAdminClient(new Transport(httpClient, baseUri, requestTimeout, true), adminToken);
    }

    /**
     * POST {@code /admin/merchants}: a new merchant ({@code name} 1–100) with its default
     * connection and a private pair, a public pair and a webhook key, secrets included.
     */
    public CreatedMerchant createMerchant(String name) {
        return send("POST", "/admin/merchants", new NewMerchant(name), CreatedMerchant.class);
    }

    /** GET {@code /admin/merchants}: merchants page by page ({@code pageIndex} 0-based, {@code pageSize} 1–100). */
    public Page<MerchantSummary> listMerchants(int pageIndex, int pageSize) {
        HttpReply reply = transport.send("GET",
                "/admin/merchants?pageIndex=" + pageIndex + "&pageSize=" + pageSize, null, headers);
        return PhysicalEnvelope.unwrap(reply, KasaJson.pageOf(MerchantSummary.class), true);
    }

    /** GET {@code /admin/merchants/{merchantId}}: the merchant with its keys, without secrets. */
    public Merchant merchant(UUID merchantId) {
        Objects.requireNonNull(merchantId, "merchantId");
        return send("GET", "/admin/merchants/" + merchantId, null, Merchant.class);
    }

    /** POST {@code /admin/merchants/{merchantId}/keys}: an additional key of the given kind, secret included. */
    public IssuedKey issueKey(UUID merchantId, KeyKind kind) {
        Objects.requireNonNull(merchantId, "merchantId");
        return send("POST", "/admin/merchants/" + merchantId + "/keys", new NewKey(kind), IssuedKey.class);
    }

    /**
     * POST {@code /admin/merchants/{merchantId}/keys/{keyId}/rotate}: a new key of the same
     * kind; the old one keeps working for {@code grace} (whole seconds, 0–7 days; null sends
     * none and the server uses 0) and then stops.
     */
    public IssuedKey rotateKey(UUID merchantId, UUID keyId, Duration grace) {
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(keyId, "keyId");
        Rotation body = new Rotation(grace == null ? null : grace.toSeconds());
        return send("POST", "/admin/merchants/" + merchantId + "/keys/" + keyId + "/rotate", body, IssuedKey.class);
    }

    /** POST {@code /admin/merchants/{merchantId}/keys/{keyId}/revoke}: the key stops working at once. */
    public void revokeKey(UUID merchantId, UUID keyId) {
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(keyId, "keyId");
        send("POST", "/admin/merchants/" + merchantId + "/keys/" + keyId + "/revoke", Map.of(), Void.class);
    }

    /**
     * PUT {@code /admin/merchants/{merchantId}/settings}: how long the merchant's undelivered
     * orders wait for their terminal (10 s – 1 day); null returns to the server's default.
     */
    public void setOrderTtl(UUID merchantId, Duration orderTtl) {
        Objects.requireNonNull(merchantId, "merchantId");
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("OrderTtlSeconds", orderTtl == null ? null : orderTtl.toSeconds());
        send("PUT", "/admin/merchants/" + merchantId + "/settings", body, Void.class);
    }

    /** GET {@code /admin/merchants/{merchantId}/marketplace}: the merchant's marketplace settings. */
    public Marketplace.Settings marketplace(UUID merchantId) {
        Objects.requireNonNull(merchantId, "merchantId");
        return send("GET", "/admin/merchants/" + merchantId + "/marketplace", null, Marketplace.Settings.class);
    }

    /** PUT {@code /admin/merchants/{merchantId}/marketplace}: sets the merchant's marketplace settings. */
    public Marketplace.Settings setMarketplace(UUID merchantId, Marketplace.Settings settings) {
        Objects.requireNonNull(merchantId, "merchantId");
        return send("PUT", "/admin/merchants/" + merchantId + "/marketplace", settings, Marketplace.Settings.class);
    }

    private <T> T send(String method, String path, Object body, Class<T> resultType) {
        HttpReply reply = transport.send(method, path, body, headers);
        return PhysicalEnvelope.unwrap(reply, KasaJson.type(resultType), true);
    }

    @Override
    public String toString() {
        return "KasaAdminClient[" + transport.uri("") + "]";
    }
}
