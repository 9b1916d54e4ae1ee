package io.kasa.server.merchant;

import io.kasa.server.cluster.NodeCache;
import io.kasa.server.cluster.NodeCaches;
import io.kasa.server.shared.BusinessTime;
import io.kasa.server.shared.KasaError;
import io.kasa.server.shared.KasaException;
import io.kasa.server.shared.MerchantId;
import io.kasa.server.shared.SqlTime;
import io.kasa.server.shared.Tokens;
import io.kasa.server.shared.Validation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Issues, rotates, revokes and checks merchant credentials. API key secrets are kept only as
 * SHA-256 hashes and compared in constant time; webhook hash keys are kept encrypted because
 * the server signs callbacks with them.
 *
 * <p>What each request and each callback needs is kept on the node ({@link NodeCache}): the
 * pair a client id names, a key's revocation and expiry, a merchant's opened webhook keys.
 * Every issue, rotation and revocation forgets the merchant's entries on every node; whether
 * a kept key is still active is judged at the time of each request, so a rotation's grace
 * ends on time.
 */
@Service
public class MerchantKeys {

    private final JdbcClient jdbc;
    private final BusinessTime time;
    private final SecureRandom random;
    private final SecretBox box;
    private final NodeCache<ClientKey, StoredPair> pairs;
    private final NodeCache<UUID, StoredPair> states;
    private final NodeCache<UUID, List<WebhookKey>> webhooks;

    MerchantKeys(JdbcClient jdbc, BusinessTime time, SecureRandom random, ServerSecrets secrets, NodeCaches caches) {
        this.jdbc = jdbc;
        this.time = time;
        this.random = random;
        this.box = new SecretBox(secrets.masterKey(), random);
        this.pairs = caches.create("merchant-pairs", (client, pair) -> pair.merchantId());
        this.states = caches.create("merchant-key-states", (keyId, pair) -> pair.merchantId());
        this.webhooks = caches.create("merchant-webhook-keys", (merchant, keys) -> merchant);
    }

    /** The form of every issued client id; anything else is no client and is not looked up. */
    private static final Pattern CLIENT = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** The longest grace period a rotated key may keep working for. */
    public static final Duration MAX_GRACE = Duration.ofDays(7);

    /** A rotation's grace from the request's {@code GraceSeconds}: absent is none, 0 to 7 days. */
    public static Duration grace(Long seconds) {
        long grace = seconds == null ? 0 : seconds;
        if (grace < 0 || grace > MAX_GRACE.toSeconds()) {
            throw Validation.invalid("GraceSeconds 0 ile " + MAX_GRACE.toSeconds() + " arasında olmalıdır",
                    "GraceSeconds must be between 0 and " + MAX_GRACE.toSeconds());
        }
        return Duration.ofSeconds(grace);
    }

    @Transactional
    public IssuedKey issue(MerchantId merchant, KeyKind kind) {
        requireMerchant(merchant);
        IssuedKey issued = insert(merchant, kind);
        // a new pair's client and id were never looked up, so nothing kept names them; a new
        // webhook key joins the merchant's list
        if (kind == KeyKind.WEBHOOK) {
            webhooks.forget(merchant.value());
        }
        return issued;
    }

    /**
     * Issues a new key of the same kind and retires the old one after {@code grace} (at once
     * when zero), so a merchant can roll its credentials without a gap.
     */
    @Transactional
    public IssuedKey rotate(MerchantId merchant, UUID keyId, Duration grace) {
        KeyInfo old = find(merchant, keyId);
        if (!old.active()) {
            throw new KasaException(KasaError.MERCHANT_KEY_NOT_FOUND);
        }
        IssuedKey fresh = insert(merchant, old.kind());
        Instant now = time.now();
        if (grace.isZero()) {
            jdbc.sql("update merchant_key set revoked_at = :now where id = :id")
                    .param("now", SqlTime.of(now)).param("id", keyId).update();
        } else {
            jdbc.sql("update merchant_key set expires_at = :at where id = :id")
                    .param("at", SqlTime.of(now.plus(grace))).param("id", keyId).update();
        }
        forget(merchant);
        return fresh;
    }

    @Transactional
    public void revoke(MerchantId merchant, UUID keyId) {
        int updated = jdbc.sql("""
                        update merchant_key set revoked_at = :now
                        where id = :id and merchant_id = :merchant and revoked_at is null""")
                .param("now", SqlTime.of(time.now())).param("id", keyId).param("merchant", merchant.value())
                .update();
        if (updated == 0) {
            throw new KasaException(KasaError.MERCHANT_KEY_NOT_FOUND);
        }
        forget(merchant);
    }

    public List<KeyInfo> list(MerchantId merchant) {
        return jdbc.sql("select * from merchant_key where merchant_id = :merchant order by created_at, id")
                .param("merchant", merchant.value())
                .query(this::keyInfo)
                .list();
    }

    /**
     * The merchant whose active pair of this kind matches, if any. A pair of the other kind,
     * a revoked or an expired one never matches.
     */
    public Optional<MerchantId> authenticate(KeyKind kind, String client, String secret) {
        return authenticatePair(kind, client, secret).map(AuthenticatedPair::merchant);
    }

    /** As {@link #authenticate}, naming the key that matched too. */
    public Optional<AuthenticatedPair> authenticatePair(KeyKind kind, String client, String secret) {
        if (client == null || secret == null || !CLIENT.matcher(client).matches() || secret.length() > 256) {
            return Optional.empty();
        }
        Instant now = time.now();
        return Optional.ofNullable(pairs.get(new ClientKey(kind, client), this::readPair))
                .filter(pair -> MessageDigest.isEqual(pair.secretHash(), Tokens.hash(secret)))
                .filter(pair -> pair.activeAt(now))
                .map(pair -> new AuthenticatedPair(new MerchantId(pair.merchantId()), pair.id()));
    }

    private StoredPair readPair(ClientKey key) {
        return jdbc.sql("select id, merchant_id, secret_hash, revoked_at, expires_at from merchant_key where client = :client and kind = :kind")
                .param("client", key.client()).param("kind", key.kind().name())
                .query((row, n) -> new StoredPair(row.getObject("id", UUID.class), row.getObject("merchant_id", UUID.class),
                        row.getBytes("secret_hash"), SqlTime.read(row, "revoked_at"), SqlTime.read(row, "expires_at")))
                .optional()
                .orElse(null);
    }

    /**
     * Whether the merchant's key still works now, by the same rule as {@link #authenticate}:
     * not revoked, and not past the end of a rotation's grace.
     */
    public boolean isActive(MerchantId merchant, UUID keyId) {
        return Optional.ofNullable(states.get(keyId, this::readState))
                .filter(pair -> pair.merchantId().equals(merchant.value()))
                .filter(pair -> pair.activeAt(time.now()))
                .isPresent();
    }

    private StoredPair readState(UUID keyId) {
        return jdbc.sql("select merchant_id, revoked_at, expires_at from merchant_key where id = :id")
                .param("id", keyId)
                .query((row, n) -> new StoredPair(keyId, row.getObject("merchant_id", UUID.class), null,
                        SqlTime.read(row, "revoked_at"), SqlTime.read(row, "expires_at")))
                .optional()
                .orElse(null);
    }

    /**
     * The merchant's usable webhook hash keys, newest first. They are opened once per node and
     * kept, not per callback; a rotated one drops out when its grace ends.
     */
    public List<String> webhookKeys(MerchantId merchant) {
        Instant now = time.now();
        return webhooks.get(merchant.value(), this::readWebhookKeys).stream()
                .filter(key -> key.expiresAt() == null || key.expiresAt().isAfter(now))
                .map(WebhookKey::secret)
                .toList();
    }

    /** The keys usable now; one past its grace never comes back, one in its grace is kept with its end. */
    private List<WebhookKey> readWebhookKeys(UUID merchant) {
        return jdbc.sql("""
                        select secret_encrypted, expires_at from merchant_key
                        where merchant_id = :merchant and kind = 'WEBHOOK' and revoked_at is null
                          and (expires_at is null or expires_at > :now)
                        order by created_at desc""")
                .param("merchant", merchant).param("now", SqlTime.of(time.now()))
                .query((row, n) -> new WebhookKey(box.open(row.getBytes("secret_encrypted")), SqlTime.read(row, "expires_at")))
                .list();
    }

    /** Forgets on every node what is kept of the merchant's keys, when the change commits. */
    private void forget(MerchantId merchant) {
        pairs.forget(merchant.value());
        states.forget(merchant.value());
        webhooks.forget(merchant.value());
    }

    private IssuedKey insert(MerchantId merchant, KeyKind kind) {
        UUID id = UUID.randomUUID();
        Instant now = time.now();
        String secret = Tokens.random(random, 32);
        String client = switch (kind) {
            case PRIVATE -> "kpr_" + Tokens.random(random, 18);
            case PUBLIC -> "kpu_" + Tokens.random(random, 18);
            case WEBHOOK -> null;
        };
        jdbc.sql("""
                        insert into merchant_key (id, merchant_id, kind, client, secret_hash, secret_encrypted, created_at)
                        values (:id, :merchant, :kind, :client, :hash, :sealed, :now)""")
                .param("id", id).param("merchant", merchant.value()).param("kind", kind.name())
                .param("client", client)
                .param("hash", kind == KeyKind.WEBHOOK ? null : Tokens.hash(secret))
                .param("sealed", kind == KeyKind.WEBHOOK ? box.seal(secret) : null)
                .param("now", SqlTime.of(now))
                .update();
        return new IssuedKey(id, kind, client, secret, now);
    }

    private KeyInfo find(MerchantId merchant, UUID keyId) {
        return jdbc.sql("select * from merchant_key where id = :id and merchant_id = :merchant")
                .param("id", keyId).param("merchant", merchant.value())
                .query(this::keyInfo)
                .optional()
                .orElseThrow(() -> new KasaException(KasaError.MERCHANT_KEY_NOT_FOUND));
    }

    private void requireMerchant(MerchantId merchant) {
        boolean exists = jdbc.sql("select count(*) from merchant where id = :id")
                .param("id", merchant.value()).query(Long.class).single() > 0;
        if (!exists) {
            throw new KasaException(KasaError.MERCHANT_NOT_FOUND);
        }
    }

    private KeyInfo keyInfo(ResultSet row, int n) throws SQLException {
        Instant revoked = SqlTime.read(row, "revoked_at");
        Instant expires = SqlTime.read(row, "expires_at");
        boolean active = revoked == null && (expires == null || expires.isAfter(time.now()));
        return new KeyInfo(row.getObject("id", UUID.class), KeyKind.valueOf(row.getString("kind")),
                row.getString("client"), SqlTime.read(row, "created_at"), expires, revoked, active);
    }

    private record ClientKey(KeyKind kind, String client) {
    }

    /** An opened webhook hash key and the end of its rotation's grace, if it has one. */
    private record WebhookKey(String secret, Instant expiresAt) {
    }

    private record StoredPair(UUID id, UUID merchantId, byte[] secretHash, Instant revokedAt, Instant expiresAt) {
        boolean activeAt(Instant now) {
            return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
        }
    }
}
