package io.kasa.server.terminal;

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
import java.util.Optional;
import java.util.UUID;

/**
 * Pairing a device with a terminal: the merchant asks for a 6-digit code, the cashier types
 * it into the device, the device trades it for a token. Codes are single-use, expire, are
 * unique among live codes, and a newer request for a terminal cancels the pending one.
 * Code attempts are limited per source and per code, and paced cluster-wide ({@link PairingAttempts}).
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

    Pairing(JdbcClient jdbc, BusinessTime time, SecureRandom random, Terminals terminals, Connections connections,
            ApplicationEventPublisher events, PlatformTransactionManager transactions, PairingSettings settings,
            PairingAttempts attempts) {
        this.jdbc = jdbc;
        this.time = time;
        this.random = random;
        this.terminals = terminals;
        this.connections = connections;
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
        this.settings = settings;
        this.attempts = attempts;
    }

    /** Issues a pair code for the terminal, cancelling its pending request if it has one. */
    public PairRequest request(MerchantId merchant, TerminalRef ref) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.execute(status -> issue(merchant, ref));
            } catch (DuplicateKeyException e) {
                if (attempt == CODE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private PairRequest issue(MerchantId merchant, TerminalRef ref) {
        Terminal terminal = terminals.resolve(merchant, ref);
        Connection connection = connections.get(merchant, terminal.connectionId());
        if (!connection.isConnected()) {
            throw new KasaException(KasaError.CONNECTION_NOT_CONNECTED);
        }
        Instant now = time.now();
        jdbc.sql("select id from terminal where id = :id for update").param("id", terminal.id()).query(UUID.class).single();
        jdbc.sql("update pair_request set status = 'EXPIRED', finished_at = expires_at where status = 'PENDING' and expires_at <= :now")
                .param("now", SqlTime.of(now)).update();
        jdbc.sql("update pair_request set status = 'CANCELLED', finished_at = :now where terminal_id = :terminal and status = 'PENDING'")
                .param("now", SqlTime.of(now)).param("terminal", terminal.id()).update();
        String code = freeCode();
        UUID id = UUID.randomUUID();
        Instant expires = now.plus(settings.codeTtl());
        jdbc.sql("""
                        insert into pair_request (id, merchant_id, terminal_id, code, status, created_at, expires_at)
                        values (:id, :merchant, :terminal, :code, 'PENDING', :now, :expires)""")
                .param("id", id).param("merchant", merchant.value()).param("terminal", terminal.id())
                .param("code", code).param("now", SqlTime.of(now)).param("expires", SqlTime.of(expires))
                .update();
        return new PairRequest(id, terminal.id(), code, PairRequest.Status.PENDING, now, expires, null, null);
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
     * reconnected.
     */
    public DevicePairing completeWithCode(String code, DeviceDescription device, String source) {
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
        Optional<PairRequest> pending = jdbc.sql("""
                        select * from pair_request where code = :code and status = 'PENDING' and expires_at > :now
                        for update""")
                .param("code", code).param("now", SqlTime.of(now))
                .query(Pairing::pairRequest).optional();
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        PairRequest request = pending.get();
        // The code is genuine, so this is no failed attempt; but a passive connection's
        // terminals are not paired, whenever their code was issued.
        boolean connected = jdbc.sql("""
                        select c.is_connected from terminal t join connection c on c.id = t.connection_id
                        where t.id = :terminal""")
                .param("terminal", request.terminalId()).query(Boolean.class).single();
        if (!connected) {
            throw new KasaException(KasaError.CONNECTION_NOT_CONNECTED);
        }
        revokeActive(request.terminalId(), now);
        UUID pairingId = UUID.randomUUID();
        String token = "kdt_" + Tokens.random(random, 32);
        jdbc.sql("""
                        insert into terminal_pairing (id, merchant_id, terminal_id, pair_request_id, device_token_hash,
                            serial_no, model, app_version, created_at)
                        select :id, merchant_id, terminal_id, id, :hash, :serial, :model, :version, :now
                        from pair_request where id = :request""")
                .param("id", pairingId).param("hash", Tokens.hash(token)).param("serial", device.serialNo())
                .param("model", device.model()).param("version", device.appVersion())
                .param("now", SqlTime.of(now)).param("request", request.id())
                .update();
        jdbc.sql("update pair_request set status = 'COMPLETED', finished_at = :now, terminal_pair_id = :pairing where id = :id")
                .param("now", SqlTime.of(now)).param("pairing", pairingId).param("id", request.id())
                .update();
        return Optional.of(new DevicePairing(request.terminalId(), pairingId, token));
    }

    /** The device a token belongs to, while its pairing is active. */
    public Optional<DeviceIdentity> authenticateDevice(String token) {
        if (token == null || token.length() > 256) {
            return Optional.empty();
        }
        // Looked up by the token's hash: timing reveals nothing about the token itself.
        return jdbc.sql("""
                        select merchant_id, terminal_id, id from terminal_pairing
                        where device_token_hash = :hash and revoked_at is null""")
                .param("hash", Tokens.hash(token))
                .query((row, n) -> new DeviceIdentity(row.getObject("merchant_id", UUID.class),
                        row.getObject("terminal_id", UUID.class), row.getObject("id", UUID.class)))
                .optional();
    }

    /** Whether the terminal has an active pairing with a device. */
    public boolean isPaired(UUID terminalId) {
        return jdbc.sql("select count(*) from terminal_pairing where terminal_id = :id and revoked_at is null")
                .param("id", terminalId).query(Long.class).single() > 0;
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
        revoked.ifPresent(id -> events.publishEvent(new TerminalUnpaired(terminalId, id)));
        return revoked;
    }

    private PairRequest find(MerchantId merchant, UUID pairRequestId) {
        return jdbc.sql("select * from pair_request where id = :id and merchant_id = :merchant")
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
