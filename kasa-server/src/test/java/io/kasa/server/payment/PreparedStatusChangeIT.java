package io.kasa.server.payment;

import io.kasa.server.KasaServerIT;
import io.kasa.server.shared.Transactions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A status change is one statement that PostgreSQL prepares once per connection and then runs
 * without planning it again, whichever of its optional fields (the terminal, the outcome
 * deadline, message, card and provider reference) a change carries. Read from the session's
 * own {@code pg_prepared_statements}, so the moves run in one transaction, on one connection.
 */
class PreparedStatusChangeIT extends KasaServerIT {

    @Autowired
    Orders orders;

    @Autowired
    Transactions transactions;

    @Test
    void aStatusChangeIsPreparedOnceWhateverOptionalFieldsItCarries() {
        List<Orders.Change> changes = List.of(
                Orders.Change.to(PaymentStatus.SOCKET_NOTIFICATION_SENT),
                Orders.Change.to(PaymentStatus.TAKEN_BY_DEVICE),
                new Orders.Change(PaymentStatus.SUCCESSFUL, "approved", "{\"MaskedPan\":\"4111********1111\"}", "ref-1"),
                Orders.Change.to(PaymentStatus.FAILED, "declined"));
        int moves = 40;
        List<Map<String, Object>> prepared = transactions.execute(status -> {
            for (int i = 0; i < moves; i++) {
                // Orders that do not exist: each move runs its statement and is refused.
                UUID order = UUID.randomUUID();
                Orders.Change change = changes.get(i % changes.size());
                if (i % 3 == 0) {
                    assertThat(orders.transitionInTransaction(order, change)).isEmpty();
                } else {
                    assertThat(orders.transitionOf(UUID.randomUUID(), order, change)).isEmpty();
                }
            }
            return jdbc.sql("""
                            select generic_plans, custom_plans from pg_prepared_statements
                            where statement like '%with locked as materialized%'""")
                    .query().listOfRows();
        });

        assertThat(prepared).as("one prepared statement for every kind of change").hasSize(1);
        long generic = ((Number) prepared.getFirst().get("generic_plans")).longValue();
        long custom = ((Number) prepared.getFirst().get("custom_plans")).longValue();
        assertThat(generic + custom).as("the driver prepares it after a few runs and keeps it")
                .isGreaterThanOrEqualTo(moves - 5);
        assertThat(custom).as("planned afresh only for PostgreSQL's first five runs, then its generic plan")
                .isLessThanOrEqualTo(5);
    }
}
