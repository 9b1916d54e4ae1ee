package io.kasa.server.terminal;

import io.kasa.server.shared.BusinessTime;
import io.kasa.server.shared.KasaError;
import io.kasa.server.shared.KasaException;
import io.kasa.server.shared.MerchantId;
import io.kasa.server.shared.SqlTime;
import io.kasa.server.shared.web.Paging;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Merchant-chosen codes that stand in for a terminal id. Codes are unique per merchant,
 * compared without regard to case.
 */
@Service
public class TerminalTags {

    public static final int MAX_CODE_LENGTH = 25;
    public static final int MAX_NAME_LENGTH = 100;
    /** Letters (Turkish ones included), digits, underscore, hyphen and dot. */
    public static final Pattern CODE = Pattern.compile("[\\p{L}\\p{N}_.-]+");

    private final JdbcClient jdbc;
    private final BusinessTime time;
    private final NamedTerminals named;

    TerminalTags(JdbcClient jdbc, BusinessTime time, NamedTerminals named) {
        this.jdbc = jdbc;
        this.time = time;
        this.named = named;
    }

    @Transactional
    public UUID add(MerchantId merchant, UUID terminalId, String name, String code) {
        boolean terminalExists = jdbc.sql("select count(*) from terminal where id = :id and merchant_id = :merchant")
                .param("id", terminalId).param("merchant", merchant.value()).query(Long.class).single() > 0;
        if (!terminalExists) {
            throw new KasaException(KasaError.TERMINAL_NOT_FOUND);
        }
        UUID id = UUID.randomUUID();
        try {
            jdbc.sql("""
                            insert into terminal_tag (id, merchant_id, terminal_id, name, code, created_at)
                            values (:id, :merchant, :terminal, :name, :code, :now)""")
                    .param("id", id).param("merchant", merchant.value()).param("terminal", terminalId)
                    .param("name", name).param("code", code).param("now", SqlTime.of(time.now()))
                    .update();
        } catch (DuplicateKeyException e) {
            throw new KasaException(KasaError.TERMINAL_TAG_ALREADY_EXISTS_WITH_THIS_CODE);
        }
        named.forget(merchant);
        return id;
    }

    @Transactional
    public void update(MerchantId merchant, UUID tagId, String name, String code, boolean active) {
        int updated;
        try {
            updated = jdbc.sql("""
                            update terminal_tag set name = :name, code = :code, is_active = :active, updated_at = :now
                            where id = :id and merchant_id = :merchant""")
                    .param("name", name).param("code", code).param("active", active)
                    .param("now", SqlTime.of(time.now())).param("id", tagId).param("merchant", merchant.value())
                    .update();
        } catch (DuplicateKeyException e) {
            throw new KasaException(KasaError.TERMINAL_TAG_ALREADY_EXISTS_WITH_THIS_CODE);
        }
        if (updated == 0) {
            throw new KasaException(KasaError.TERMINAL_TAG_NOT_FOUND);
        }
        named.forget(merchant);
    }

    @Transactional
    public void delete(MerchantId merchant, UUID tagId) {
        int deleted = jdbc.sql("delete from terminal_tag where id = :id and merchant_id = :merchant")
                .param("id", tagId).param("merchant", merchant.value()).update();
        if (deleted == 0) {
            throw new KasaException(KasaError.TERMINAL_TAG_DELETED_RECORD_NOT_FOUND);
        }
        named.forget(merchant);
    }

    public Paging.Page<TerminalTag> list(MerchantId merchant, UUID terminalId, Paging paging) {
        String filter = "merchant_id = :merchant and (cast(:terminal as uuid) is null or terminal_id = :terminal)";
        long total = jdbc.sql("select count(*) from terminal_tag where " + filter)
                .param("merchant", merchant.value()).param("terminal", terminalId)
                .query(Long.class).single();
        List<TerminalTag> items = jdbc.sql("select * from terminal_tag where " + filter
                        + " order by created_at, id limit :limit offset :offset")
                .param("merchant", merchant.value()).param("terminal", terminalId)
                .param("limit", paging.size()).param("offset", paging.offset())
                .query(TerminalTags::tag).list();
        return paging.page(items, total);
    }

    private static TerminalTag tag(ResultSet row, int n) throws SQLException {
        return new TerminalTag(row.getObject("id", UUID.class), row.getObject("terminal_id", UUID.class),
                row.getString("name"), row.getString("code"), row.getBoolean("is_active"),
                SqlTime.read(row, "created_at"), SqlTime.read(row, "updated_at"));
    }
}
