package io.kasa.server.callback;

import io.kasa.server.shared.SqlTime;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * A callback this node holds the lease of until {@code leasedUntil}: it alone tries it until
 * then, and any node may claim it afterwards. {@code attemptCount} is the tries recorded
 * before this one.
 */
record LeasedCallback(UUID id, UUID merchantId, UUID paymentId, int sequence, String target,
                      CallbackOutbox.Payload payload, Instant createdAt, int attemptCount, Instant leasedUntil) {

    /** The columns {@link #read} takes, for the {@code returning} clause of a statement that leases. */
    static final String COLUMNS = """
            c.id, c.merchant_id, c.payment_id, c.sequence, c.payment_type_id, c.payment_status_id, c.target, c.payload,
            c.created_at, c.attempt_count, c.next_attempt_at""";

    static LeasedCallback read(ResultSet row, JsonMapper json) throws SQLException {
        UUID id = row.getObject("id", UUID.class);
        UUID paymentId = row.getObject("payment_id", UUID.class);
        CallbackOutbox.Payload payload = json.readValue(row.getString("payload"), CallbackOutbox.Stored.class)
                .payload(paymentId, id, row.getInt("payment_type_id"), row.getInt("payment_status_id"));
        return new LeasedCallback(id, row.getObject("merchant_id", UUID.class), paymentId, row.getInt("sequence"),
                row.getString("target"), payload, SqlTime.read(row, "created_at"), row.getInt("attempt_count"),
                SqlTime.read(row, "next_attempt_at"));
    }
}
