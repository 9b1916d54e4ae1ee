package io.kasa.server.terminal;

import io.kasa.server.cluster.NodeCache;
import io.kasa.server.cluster.NodeCaches;
import io.kasa.server.shared.BusinessTime;
import io.kasa.server.shared.KasaError;
import io.kasa.server.shared.KasaException;
import io.kasa.server.shared.MerchantId;
import io.kasa.server.shared.SqlTime;
import io.kasa.server.shared.Tokens;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Pairing a device with a terminal: the merchant asks for a 6-digit code, the cashier types
 * it into the device, the device trades it for a token. Codes are single-use, expire, are
 * unique among live codes, and a newer request for a terminal cancels the pending one.
 * Code attempts are limited per source and per code, and paced cluster-wide ({@link PairingAttempts}).
 *
 * <p>Async pairing (Paywall's two-step pairing) draws its codes from the same space and follows
 * the same rules, but the device that enters an async code only claims the request: it gets its
 * token at once, and the token starts to work when the merchant {@linkplain #confirmAsync confirms},
 * having seen which device (serial number, model, app version) claimed the code. A newer request
 * for a terminal, sync or async, replaces its pending or claimed one, whatever its mode.
 */
@Service
public class Pairing {

    private static final int CODE_ATTEMPTS = 5;

    private final JdbcClient jdbc;
    private final BusinessTime time;
    private final SecureRandom random;
    private final Terminals terminals;
    private final Connections connections;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final PairingSettings settings;
    private final PairingAttempts attempts;
    private final PairingMeters meters;
    /** Whether each terminal is paired, read by every sale; forgotten by each pairing and unpairing. */
    private final NodeCache<UUID, Boolean> paired;

    Pairing(JdbcClient jdbc, BusinessTime time, SecureRandom random, Terminals terminals, Connections connections,
            ApplicationEventPublisher events, PlatformTransactionManager transactions, PairingSettings settings,
            PairingAttempts attempts, PairingMeters meters, NodeCaches caches) {
        this.jdbc = jdbc;
        this.time = time;
        this.random = random;
        this.terminals = terminals;
        this.connections = connections;
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
        this.settings = settings;
        this.attempts = attempts;
        this.meters = meters;
        this.paired = caches.create("terminal-paired", (terminalId, isPaired) -> terminalId);
    }

    /** Issues a pair code for the terminal, cancelling its pending request if it has one. */
    public PairRequest request(MerchantId merchant, TerminalRef ref) {
        Issued issued = issueRetrying(merchant, ref, Mode.SYNC);
        return new PairRequest(issued.id(), issued.terminalId(), issued.code(), PairRequest.Status.PENDING,
                issued.createdAt(), issued.expiresAt(), null, null);
    }

    /** Issues an async pair code for the terminal, replacing its pending or claimed request if it has one. */
    public PairAsyncRequest requestAsync(MerchantId merchant, TerminalRef ref) {
        Issued issued = issueRetrying(merchant, ref, Mode.ASYNC);
        return new PairAsyncRequest(issued.id(), issued.terminalId(), issued.code(), PairAsyncRequest.Status.PENDING,
                issued.createdAt(), issued.expiresAt(), null, null, null, null);
    }

    private enum Mode { SYNC, ASYNC }

    private record Issued(UUID id, UUID terminalId, String code, Instant createdAt, Instant expiresAt) {
    }

    private Issued issueRetrying(MerchantId merchant, TerminalRef ref, Mode mode) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.execute(status -> issue(merchant, ref, mode));
            } catch (DuplicateKeyException e) {
                if (attempt == CODE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private Issued issue(MerchantId merchant, TerminalRef ref, Mode mode) {
        Terminal terminal = terminals.resolve(merchant, ref);
        Connection connection = connections.get(merchant, terminal.connectionId());
        if (!connection.isConnected()) {
            throw new KasaException(KasaError.CONNECTION_NOT_CONNECTED);
        }
        Instant now = time.now();
        jdbc.sql("select id from terminal where id = :id for update").param("id", terminal.id()).query(UUID.class).single();
        jdbc.sql("""
                        update pair_request set status = 'EXPIRED', finished_at = expires_at
                        where status in ('PENDING', 'CLAIMED') and expires_at <= :now""")
                .param("now", SqlTime.of(now)).update();
        jdbc.sql("""
                        update pair_request set status = 'CANCELLED', finished_at = :now
                        where terminal_id = :terminal and status in ('PENDING', 'CLAIMED')""")
                .param("now", SqlTime.of(now)).param("terminal", terminal.id()).update();
        String code = freeCode();
        UUID id = UUID.randomUUID();
        Instant expires = now.plus(settings.codeTtl());
        jdbc.sql("""
                        insert into pair_request (id, merchant_id, terminal_id, code, status, created_at, expires_at, mode)
                        values (:id, :merchant, :terminal, :code, 'PENDING', :now, :expires, :mode)""")
                .param("id", id).param("merchant", merchant.value()).param("terminal", terminal.id())
                .param("code", code).param("now", SqlTime.of(now)).param("expires", SqlTime.of(expires))
                .param("mode", mode.name())
                .update();
        return new Issued(id, terminal.id(), code, now, expires);
    }

    private String freeCode() {
        for (int attempt = 0; attempt < 20; attempt++) {
            String code = "%06d".formatted(random.nextInt(1_000_000));
            boolean taken = jdbc.sql("select count(*) from pair_request where code = :code and status = 'PENDING'")
                    .param("code", code).query(Long.class).single() > 0;
            if (!taken) {
                return code;
            }
        }
        throw new KasaException(KasaError.UNAVAILABLE);
    }

    public PairRequest status(MerchantId merchant, UUID pairRequestId) {
        PairRequest request = find(merchant, pairRequestId);
        return new PairRequest(request.id(), request.terminalId(), request.code(), request.statusAt(time.now()),
                request.createdAt(), request.expiresAt(), request.finishedAt(), request.terminalPairId());
    }

    /** Cancels a pending request; its code stops working at once. */
    public void cancel(MerchantId merchant, UUID pairRequestId) {
        transaction.executeWithoutResult(status -> {
            PairRequest request = find(merchant, pairRequestId);
            int updated = jdbc.sql("""
                            update pair_request set status = 'CANCELLED', finished_at = :now
                            where id = :id and status = 'PENDING' and expires_at > :now""")
                    .param("now", SqlTime.of(time.now())).param("id", request.id()).update();
            if (updated == 0) {
                throw new KasaException(KasaError.PAIR_REQUEST_NOT_PENDING);
            }
        });
    }

    /**
     * Ends the terminal's pairing: the device token stops working at once and, after commit,
     * the live connection is closed. Returns the ended pairing's id.
     */
    public UUID unpair(MerchantId merchant, TerminalRef ref) {
        return transaction.execute(status -> {
            Terminal terminal = terminals.resolve(merchant, ref);
            UUID pairingId = revokeActive(terminal.id(), time.now())
                    .orElseThrow(() -> new KasaException(KasaError.TERMINAL_PAIR_NOT_FOUND));
            return pairingId;
        });
    }

    /**
     * Trades a pair code typed into a device for a pairing and a device token. An older
     * pairing of the terminal ends. The attempt is admitted by {@link PairingAttempts} first
     * (it may wait for its turn, or be refused with {@code System.RateLimited} without its
     * code being looked at). Unknown, expired, used and cancelled codes all answer
     * {@code Pair.Sync.CodeInvalid} and count toward the attempt limits of {@code source}; a
     * live code for a terminal whose connection is disconnected answers
     * {@code Connection.NotConnected}, counts toward nothing and stays usable once it is
     * reconnected. An async code is claimed rather than completed: the answer carries the
     * device's token but no pairing, and the pairing is made when the merchant confirms. Every
     * attempt is counted by how it ended ({@link PairingMeters}).
     */
    public DevicePairing completeWithCode(String code, DeviceDescription device, String source) {
        try {
            DevicePairing pairing = completeAdmitted(code, device, source);
            meters.succeeded(!pairing.isConfirmed());
            return pairing;
        } catch (RuntimeException refusal) {
            meters.refused(refusal);
            throw refusal;
        }
    }

    private DevicePairing completeAdmitted(String code, DeviceDescription device, String source) {
        PairingAttempts.Attempt attempt = attempts.admit(code, source);
        Instant now = time.now();
        Optional<DevicePairing> pairing;
        try {
            pairing = transaction.execute(status -> complete(code, device, now));
        } catch (KasaException e) {
            if (e.error() == KasaError.CONNECTION_NOT_CONNECTED) {
                attempts.genuine(attempt);
            }
            throw e;
        }
        if (pairing.isEmpty()) {
            throw new KasaException(KasaError.PAIR_CODE_INVALID);
        }
        attempts.genuine(attempt);
        return pairing.get();
    }

    private Optional<DevicePairing> complete(String code, DeviceDescription device, Instant now) {
        // Locking the row makes two devices racing for one code queue here; the second sees it
        // no longer pending and gets Pair.Sync.CodeInvalid, like any used code.
        Optional<LiveCode> pending = jdbc.sql("""
                        select id, terminal_id, mode from pair_request
                        where code = :code and status = 'PENDING' and expires_at > :now
                        for update""")
                .param("code", code).param("now", SqlTime.of(now))
                .query((row, n) -> new LiveCode(row.getObject("id", UUID.class), row.getObject("terminal_id", UUID.class),
                        Mode.valueOf(row.getString("mode"))))
                .optional();
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        LiveCode request = pending.get();
        // The code is genuine, so this is no failed attempt; but a passive connection's
        // terminals are not paired, whenever their code was issued.
        requireConnected(request.terminalId());
        String token = "kdt_" + Tokens.random(random, 32);
        if (request.mode() == Mode.ASYNC) {
            jdbc.sql("""
                            update pair_request set status = 'CLAIMED', claimed_at = :now, expires_at = :expires,
                                serial_no = :serial, model = :model, app_version = :version, device_token_hash = :hash
                            where id = :id""")
                    .param("now", SqlTime.of(now)).param("expires", SqlTime.of(now.plus(settings.codeTtl())))
                    .param("serial", device.serialNo()).param("model", device.model())
                    .param("version", device.appVersion()).param("hash", Tokens.hash(token)).param("id", request.id())
                    .update();
            return Optional.of(new DevicePairing(request.terminalId(), null, token));
        }
        UUID pairingId = pair(request.id(), request.terminalId(), Tokens.hash(token), device, now);
        return Optional.of(new DevicePairing(request.terminalId(), pairingId, token));
    }

    private record LiveCode(UUID id, UUID terminalId, Mode mode) {
    }

    private void requireConnected(UUID terminalId) {
        boolean connected = jdbc.sql("""
                        select c.is_connected from terminal t join connection c on c.id = t.connection_id
                        where t.id = :terminal""")
                .param("terminal", terminalId).query(Boolean.class).single();
        if (!connected) {
            throw new KasaException(KasaError.CONNECTION_NOT_CONNECTED);
        }
    }

    /** Makes the request's device the terminal's paired device, ending any older pairing; returns the pairing's id. */
    private UUID pair(UUID requestId, UUID terminalId, byte[] tokenHash, DeviceDescription device, Instant now) {
        revokeActive(terminalId, now);
        UUID pairingId = UUID.randomUUID();
        jdbc.sql("""
                        insert into terminal_pairing (id, merchant_id, terminal_id, pair_request_id, device_token_hash,
                            serial_no, model, app_version, created_at)
                        select :id, merchant_id, terminal_id, id, :hash, :serial, :model, :version, :now
                        from pair_request where id = :request""")
                .param("id", pairingId).param("hash", tokenHash).param("serial", device.serialNo())
                .param("model", device.model()).param("version", device.appVersion())
                .param("now", SqlTime.of(now)).param("request", requestId)
                .update();
        paired.forget(terminalId);
        jdbc.sql("update pair_request set status = 'COMPLETED', finished_at = :now, terminal_pair_id = :pairing where id = :id")
                .param("now", SqlTime.of(now)).param("pairing", pairingId).param("id", requestId)
                .update();
        return pairingId;
    }

    /** An async request as its merchant sees it. */
    public PairAsyncRequest asyncStatus(MerchantId merchant, UUID pairAsyncRequestId) {
        return findAsync(merchant, pairAsyncRequestId, false).at(time.now());
    }

    /**
     * Confirms an async request a device has claimed: the terminal is paired with that device
     * (an older pairing ends, its device is disconnected after commit) and the device's token
     * starts to work. Refused with {@code Pair.Async.ConfirmNotCompleted} before a device has
     * entered the code, {@code Pair.Async.AlreadyPaired} once confirmed, Paywall's
     * {@code Pair.Async.ConfirmFailed} once it expired or was deleted or replaced (its
     * status says which), {@code Connection.NotConnected} while the terminal's
     * connection is disconnected. Returns the new pairing's id.
     */
    public UUID confirmAsync(MerchantId merchant, UUID pairAsyncRequestId) {
        return transaction.execute(status -> {
            UUID terminalId = findAsync(merchant, pairAsyncRequestId, false).terminalId();
            // The terminal first, then the request: the order issue() takes them in.
            jdbc.sql("select id from terminal where id = :id for update").param("id", terminalId).query(UUID.class).single();
            Instant now = time.now();
            PairAsyncRequest request = findAsync(merchant, pairAsyncRequestId, true);
            PairAsyncRequest.Status current = request.statusAt(now);
            if (current == PairAsyncRequest.Status.PENDING) {
                throw new KasaException(KasaError.PAIR_ASYNC_CONFIRM_NOT_COMPLETED);
            }
            if (current == PairAsyncRequest.Status.COMPLETED) {
                throw new KasaException(KasaError.PAIR_ASYNC_ALREADY_PAIRED);
            }
            if (current != PairAsyncRequest.Status.CLAIMED) {
                throw new KasaException(KasaError.PAIR_ASYNC_CONFIRM_FAILED);
            }
            requireConnected(terminalId);
            byte[] tokenHash = jdbc.sql("select device_token_hash from pair_request where id = :id")
                    .param("id", request.id()).query(byte[].class).single();
            return pair(request.id(), terminalId, tokenHash, request.device(), now);
        });
    }

    /** Deletes a pending or claimed async request: its code stops working, and a claiming device is refused. */
    public void cancelAsync(MerchantId merchant, UUID pairAsyncRequestId) {
        transaction.executeWithoutResult(status -> {
            Instant now = time.now();
            PairAsyncRequest request = findAsync(merchant, pairAsyncRequestId, true);
            PairAsyncRequest.Status current = request.statusAt(now);
            if (current != PairAsyncRequest.Status.PENDING && current != PairAsyncRequest.Status.CLAIMED) {
                throw refusal(current);
            }
            jdbc.sql("update pair_request set status = 'CANCELLED', finished_at = :now where id = :id")
                    .param("now", SqlTime.of(now)).param("id", request.id()).update();
        });
    }

    /**
     * What the device that claimed an async request, identified by the token it was given,
     * learns of it: still waiting (empty), or its pairing once confirmed. Refused with
     * {@code Pair.Async.CodeExpired} or {@code Pair.Async.RequestNotPending} when the request
     * expired, was deleted or was replaced; {@code Pair.Async.RequestNotFound} for a token that
     * claimed nothing.
     */
    public Optional<DevicePairing> claimStatus(String deviceToken) {
        if (deviceToken == null || deviceToken.length() > 256) {
            throw new KasaException(KasaError.PAIR_ASYNC_REQUEST_NOT_FOUND);
        }
        PairAsyncRequest request = jdbc.sql("select * from pair_request where device_token_hash = :hash and mode = 'ASYNC'")
                .param("hash", Tokens.hash(deviceToken))
                .query(Pairing::pairAsyncRequest).optional()
                .orElseThrow(() -> new KasaException(KasaError.PAIR_ASYNC_REQUEST_NOT_FOUND));
        PairAsyncRequest.Status current = request.statusAt(time.now());
        return switch (current) {
            case CLAIMED -> Optional.empty();
            case COMPLETED -> Optional.of(new DevicePairing(request.terminalId(), request.terminalPairId(), null));
            case PENDING, EXPIRED, CANCELLED -> throw refusal(current);
        };
    }

    /** The merchant's async requests that a device has claimed and that wait for confirmation, by terminal. */
    public Map<UUID, PairAsyncRequest> awaitingConfirmation(MerchantId merchant) {
        Map<UUID, PairAsyncRequest> claimed = new HashMap<>();
        jdbc.sql("""
                        select * from pair_request
                        where merchant_id = :merchant and mode = 'ASYNC' and status = 'CLAIMED' and expires_at > :now""")
                .param("merchant", merchant.value()).param("now", SqlTime.of(time.now()))
                .query(Pairing::pairAsyncRequest).list()
                .forEach(request -> claimed.put(request.terminalId(), request));
        return claimed;
    }

    private static KasaException refusal(PairAsyncRequest.Status status) {
        return new KasaException(switch (status) {
            case PENDING -> KasaError.PAIR_ASYNC_CONFIRM_NOT_COMPLETED;
            case COMPLETED -> KasaError.PAIR_ASYNC_ALREADY_PAIRED;
            case EXPIRED -> KasaError.PAIR_ASYNC_CODE_EXPIRED;
            case CLAIMED, CANCELLED -> KasaError.PAIR_ASYNC_REQUEST_NOT_PENDING;
        });
    }

    private PairAsyncRequest findAsync(MerchantId merchant, UUID id, boolean lock) {
        return jdbc.sql("select * from pair_request where id = :id and merchant_id = :merchant and mode = 'ASYNC'"
                        + (lock ? " for update" : ""))
                .param("id", id).param("merchant", merchant.value())
                .query(Pairing::pairAsyncRequest).optional()
                .orElseThrow(() -> new KasaException(KasaError.PAIR_ASYNC_REQUEST_NOT_FOUND));
    }

    private static PairAsyncRequest pairAsyncRequest(ResultSet row, int n) throws SQLException {
        String serial = row.getString("serial_no");
        DeviceDescription device = serial == null ? null
                : new DeviceDescription(serial, row.getString("model"), row.getString("app_version"));
        return new PairAsyncRequest(row.getObject("id", UUID.class), row.getObject("terminal_id", UUID.class),
                row.getString("code"), PairAsyncRequest.Status.valueOf(row.getString("status")),
                SqlTime.read(row, "created_at"), SqlTime.read(row, "expires_at"), SqlTime.read(row, "claimed_at"),
                device, SqlTime.read(row, "finished_at"), row.getObject("terminal_pair_id", UUID.class));
    }

    /** The device a token belongs to, while its pairing is active. */
    public Optional<DeviceIdentity> authenticateDevice(String token) {
        if (token == null || token.length() > 256) {
            return Optional.empty();
        }
        // Looked up by the token's hash: timing reveals nothing about the token itself.
        return jdbc.sql("""
                        select p.merchant_id, p.terminal_id, p.id, t.name from terminal_pairing p
                        join terminal t on t.id = p.terminal_id
                        where p.device_token_hash = :hash and p.revoked_at is null""")
                .param("hash", Tokens.hash(token))
                .query((row, n) -> new DeviceIdentity(row.getObject("merchant_id", UUID.class),
                        row.getObject("terminal_id", UUID.class), row.getObject("id", UUID.class), row.getString("name")))
                .optional();
    }

    /** Whether the terminal has an active pairing with a device. */
    public boolean isPaired(UUID terminalId) {
        return paired.get(terminalId, id -> jdbc.sql("select count(*) from terminal_pairing where terminal_id = :id and revoked_at is null")
                .param("id", id).query(Long.class).single() > 0);
    }

    /** Whether the pairing is still the terminal's active one. */
    public boolean isActive(UUID terminalPairId) {
        return jdbc.sql("select count(*) from terminal_pairing where id = :id and revoked_at is null")
                .param("id", terminalPairId).query(Long.class).single() > 0;
    }

    private Optional<UUID> revokeActive(UUID terminalId, Instant now) {
        Optional<UUID> revoked = jdbc.sql("""
                        update terminal_pairing set revoked_at = :now
                        where terminal_id = :terminal and revoked_at is null returning id""")
                .param("now", SqlTime.of(now)).param("terminal", terminalId)
                .query(UUID.class).optional();
        revoked.ifPresent(id -> {
            paired.forget(terminalId);
            events.publishEvent(new TerminalUnpaired(terminalId, id));
        });
        return revoked;
    }

    private PairRequest find(MerchantId merchant, UUID pairRequestId) {
        return jdbc.sql("select * from pair_request where id = :id and merchant_id = :merchant and mode = 'SYNC'")
                .param("id", pairRequestId).param("merchant", merchant.value())
                .query(Pairing::pairRequest).optional()
                .orElseThrow(() -> new KasaException(KasaError.PAIR_REQUEST_NOT_FOUND));
    }

    private static PairRequest pairRequest(ResultSet row, int n) throws SQLException {
        return new PairRequest(row.getObject("id", UUID.class), row.getObject("terminal_id", UUID.class),
                row.getString("code"), PairRequest.Status.valueOf(row.getString("status")),
                SqlTime.read(row, "created_at"), SqlTime.read(row, "expires_at"), SqlTime.read(row, "finished_at"),
                row.getObject("terminal_pair_id", UUID.class));
    }
}
