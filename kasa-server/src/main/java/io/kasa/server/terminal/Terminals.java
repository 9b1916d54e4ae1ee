package io.kasa.server.terminal;

import io.kasa.server.shared.BusinessTime;
import io.kasa.server.shared.KasaError;
import io.kasa.server.shared.KasaException;
import io.kasa.server.shared.MerchantId;
import io.kasa.server.shared.SqlTime;
import io.kasa.server.shared.Validation;
import io.kasa.server.shared.web.Paging;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A merchant's terminals: registration, lookup by id or tag, listing with connectivity. */
@Service
public class Terminals {

    private final JdbcClient jdbc;
    private final BusinessTime time;
    private final Connections connections;
    private final TerminalTags tags;
    private final LiveConnections live;
    private final NamedTerminals named;

    Terminals(JdbcClient jdbc, BusinessTime time, Connections connections, TerminalTags tags, LiveConnections live,
              NamedTerminals named) {
        this.jdbc = jdbc;
        this.time = time;
        this.connections = connections;
        this.tags = tags;
        this.live = live;
        this.named = named;
    }

    /**
     * A terminal to register, as the API and the dashboard both take it: {@code Name} (1–100),
     * {@code SerialNo} (1–50), {@code Model} (up to 50) and {@code TagCode} (letters, digits,
     * _, - and .) are checked and stripped here, so a refusal names the field the same way
     * wherever the request came from. {@code connectionId} null is the merchant's default.
     */
    public record Registration(String name, String serialNo, String model, UUID connectionId, String tagCode) {
        public Registration {
            name = Validation.text("Name", name, 100);
            serialNo = Validation.text("SerialNo", serialNo, 50);
            model = Validation.optionalText("Model", model, 50);
            tagCode = Validation.optionalText("TagCode", tagCode, TerminalTags.MAX_CODE_LENGTH);
            Validation.matching("TagCode", tagCode, TerminalTags.CODE,
                    "yalnızca harf, rakam, _, - ve . içerebilir", "may hold only letters, digits, _, - and .");
        }
    }

    @Transactional
    public UUID register(MerchantId merchant, Registration registration) {
        UUID connectionId = registration.connectionId() == null
                ? connections.defaultConnection(merchant)
                : connections.get(merchant, registration.connectionId()).id();
        UUID id = UUID.randomUUID();
        long number = jdbc.sql("select nextval('terminal_number')").query(Long.class).single();
        try {
            jdbc.sql("""
                            insert into terminal (id, merchant_id, connection_id, provider_terminal_id, name, serial_no, model, created_at)
                            values (:id, :merchant, :connection, :number, :name, :serial, :model, :now)""")
                    .param("id", id).param("merchant", merchant.value()).param("connection", connectionId)
                    .param("number", "K%06d".formatted(number)).param("name", registration.name())
                    .param("serial", registration.serialNo()).param("model", registration.model())
                    .param("now", SqlTime.of(time.now()))
                    .update();
        } catch (DuplicateKeyException e) {
            throw new KasaException(KasaError.TERMINAL_SERIAL_NO_EXISTS);
        }
        if (registration.tagCode() != null) {
            tags.add(merchant, id, registration.name(), registration.tagCode());
        }
        return id;
    }

    /**
     * The terminal a caller names, if it is the caller's; an inactive tag names nothing. Kept
     * on the node ({@link NamedTerminals}), so its {@code lastSeenAt} may be old.
     */
    public Terminal resolve(MerchantId merchant, TerminalRef ref) {
        Terminal found = named.get(merchant, ref, name -> read(merchant, ref).orElse(null));
        if (found == null) {
            throw new KasaException(KasaError.TERMINAL_NOT_FOUND);
        }
        return found;
    }

    private Optional<Terminal> read(MerchantId merchant, TerminalRef ref) {
        return switch (ref) {
            case TerminalRef.ById byId -> jdbc.sql("select * from terminal where id = :id and merchant_id = :merchant")
                    .param("id", byId.terminalId()).param("merchant", merchant.value())
                    .query(Terminals::terminal).optional();
            case TerminalRef.ByTag byTag -> jdbc.sql("""
                            select t.* from terminal t join terminal_tag g on g.terminal_id = t.id
                            where g.merchant_id = :merchant and lower(g.code) = lower(:code) and g.is_active""")
                    .param("merchant", merchant.value()).param("code", byTag.tagCode())
                    .query(Terminals::terminal).optional();
        };
    }

    public Paging.Page<TerminalView> list(MerchantId merchant, UUID connectionId, Paging paging) {
        if (connectionId != null) {
            connections.get(merchant, connectionId);
        }
        String filter = "t.merchant_id = :merchant and (cast(:connection as uuid) is null or t.connection_id = :connection)";
        long total = jdbc.sql("select count(*) from terminal t where " + filter)
                .param("merchant", merchant.value()).param("connection", connectionId)
                .query(Long.class).single();
        List<Terminal> page = jdbc.sql("select t.* from terminal t where " + filter
                        + " order by t.created_at, t.id limit :limit offset :offset")
                .param("merchant", merchant.value()).param("connection", connectionId)
                .param("limit", paging.size()).param("offset", paging.offset())
                .query(Terminals::terminal).list();
        List<UUID> ids = page.stream().map(Terminal::id).toList();
        List<UUID> paired = pairedAmong(ids);
        Map<UUID, Instant> seen = live.lastSeen(ids);
        // A page's terminals share few connections: read each once, not once per terminal.
        Map<UUID, Connection> connectionsById = new HashMap<>();
        List<TerminalView> views = page.stream()
                .map(terminal -> view(terminal,
                        connectionsById.computeIfAbsent(terminal.connectionId(), id -> connections.get(merchant, id)),
                        paired.contains(terminal.id()), Optional.ofNullable(seen.get(terminal.id()))))
                .toList();
        return paging.page(views, total);
    }

    public record Connectivity(boolean socketConnected, Instant lastSeenAt) {
    }

    public Connectivity connectivity(MerchantId merchant, TerminalRef ref) {
        // read, not resolved: the stored lastSeenAt is what this answers
        Terminal terminal = read(merchant, ref).orElseThrow(() -> new KasaException(KasaError.TERMINAL_NOT_FOUND));
        Optional<Instant> seen = live.lastSeen(terminal.id());
        return new Connectivity(seen.isPresent(), latest(seen, terminal.lastSeenAt()));
    }

    /** Records when a device was last heard from, for the times it is not connected. */
    public void markSeen(Collection<UUID> terminalIds, Instant at) {
        if (terminalIds.isEmpty()) {
            return;
        }
        jdbc.sql("update terminal set last_seen_at = :at where id = any(:ids) and (last_seen_at is null or last_seen_at < :at)")
                .param("at", SqlTime.of(at)).param("ids", terminalIds.toArray(UUID[]::new))
                .update();
    }

    /** Asks the connection's provider for its terminals; the built-in provider has none to fetch. */
    public void synchronise(MerchantId merchant, UUID connectionId) {
        connections.get(merchant, connectionId);
    }

    private TerminalView view(Terminal terminal, Connection connection, boolean paired, Optional<Instant> seen) {
        return new TerminalView(terminal, connection, paired, seen.isPresent(), latest(seen, terminal.lastSeenAt()));
    }

    /**
     * The later of the live connection's time and the stored one: a connection held by
     * another node reports when it connected, while that node keeps the stored time fresh.
     */
    private static Instant latest(Optional<Instant> connected, Instant stored) {
        if (connected.isEmpty()) {
            return stored;
        }
        return stored != null && stored.isAfter(connected.get()) ? stored : connected.get();
    }

    private List<UUID> pairedAmong(List<UUID> terminalIds) {
        if (terminalIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select terminal_id from terminal_pairing where terminal_id = any(:ids) and revoked_at is null")
                .param("ids", terminalIds.toArray(UUID[]::new))
                .query(UUID.class).list();
    }

    static Terminal terminal(ResultSet row, int n) throws SQLException {
        return new Terminal(row.getObject("id", UUID.class), row.getObject("merchant_id", UUID.class),
                row.getObject("connection_id", UUID.class), row.getString("provider_terminal_id"),
                row.getString("name"), row.getString("serial_no"), row.getString("model"),
                SqlTime.read(row, "last_seen_at"), SqlTime.read(row, "created_at"));
    }
}
