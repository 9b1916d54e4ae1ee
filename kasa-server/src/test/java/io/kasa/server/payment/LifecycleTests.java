package io.kasa.server.payment;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;

import static io.kasa.server.payment.PaymentStatus.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The payment lifecycle, checked as the table SPEC §5.1 draws: every allowed move, and nothing else. */
class LifecycleTests {

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(GENERATED, EnumSet.of(SOCKET_NOTIFICATION_SENT, PUSH_NOTIFICATION_SENT, PUSH_NOTIFICATION_FAILED,
                        COULD_NOT_SEND_TO_DEVICE, WITHDRAWN)),
                Arguments.of(SOCKET_NOTIFICATION_SENT, EnumSet.of(SENT_TO_DEVICE, SOCKET_NOTIFICATION_FAILED, TAKEN_BY_DEVICE,
                        COULD_NOT_SEND_TO_DEVICE, WITHDRAWN)),
                Arguments.of(SOCKET_NOTIFICATION_FAILED, EnumSet.of(SOCKET_NOTIFICATION_SENT, PUSH_NOTIFICATION_SENT,
                        PUSH_NOTIFICATION_FAILED, COULD_NOT_SEND_TO_DEVICE, WITHDRAWN)),
                Arguments.of(PUSH_NOTIFICATION_SENT, EnumSet.of(SOCKET_NOTIFICATION_SENT, COULD_NOT_SEND_TO_DEVICE, WITHDRAWN)),
                Arguments.of(PUSH_NOTIFICATION_FAILED, EnumSet.of(SOCKET_NOTIFICATION_SENT, COULD_NOT_SEND_TO_DEVICE, WITHDRAWN)),
                Arguments.of(SENT_TO_DEVICE, EnumSet.of(TAKEN_BY_DEVICE, WITHDRAWN)),
                Arguments.of(TAKEN_BY_DEVICE, EnumSet.of(SUCCESSFUL, FAILED, UNKNOWN)),
                Arguments.of(UNKNOWN, EnumSet.of(SUCCESSFUL, FAILED)),
                Arguments.of(SUCCESSFUL, EnumSet.noneOf(PaymentStatus.class)),
                Arguments.of(FAILED, EnumSet.noneOf(PaymentStatus.class)),
                Arguments.of(COULD_NOT_SEND_TO_DEVICE, EnumSet.noneOf(PaymentStatus.class)),
                Arguments.of(WITHDRAWN, EnumSet.noneOf(PaymentStatus.class)));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("table")
    void eachStatusAllowsExactlyItsRow(PaymentStatus from, Set<PaymentStatus> allowed) {
        for (PaymentStatus to : PaymentStatus.values()) {
            assertThat(Lifecycle.allows(from, to)).as(from + " → " + to).isEqualTo(allowed.contains(to));
        }
        assertThat(Lifecycle.next(from)).isEqualTo(allowed);
    }

    @Test
    void theTableCoversEveryStatus() {
        assertThat(table().map(arguments -> arguments.get()[0])).containsExactlyInAnyOrder((Object[]) PaymentStatus.values());
    }

    @ParameterizedTest
    @EnumSource(names = {"COULD_NOT_SEND_TO_DEVICE", "SUCCESSFUL", "FAILED", "WITHDRAWN"})
    void finalStatusesAreFinalAndLeadNowhere(PaymentStatus status) {
        assertThat(status.isFinal()).isTrue();
        assertThat(Lifecycle.next(status)).isEmpty();
    }

    @Test
    void anOutcomeNeverFlips() {
        assertThat(Lifecycle.allows(SUCCESSFUL, FAILED)).isFalse();
        assertThat(Lifecycle.allows(FAILED, SUCCESSFUL)).isFalse();
        assertThat(UNKNOWN.isFinal()).isFalse();
    }

    @Test
    void onlyOrdersTheDeviceHasNotTakenCanBeWithdrawn() {
        for (PaymentStatus status : PaymentStatus.values()) {
            assertThat(Lifecycle.allows(status, WITHDRAWN)).as(status.name()).isEqualTo(status.isBeforeTaken());
        }
    }

    /** The named groups, each derived from the table, checked against the table as SPEC §5.1 draws it. */
    @Test
    void theGroupsAreTheTablesOwn() {
        assertThat(Lifecycle.FINAL).containsExactlyInAnyOrder(COULD_NOT_SEND_TO_DEVICE, SUCCESSFUL, FAILED, WITHDRAWN);
        assertThat(Lifecycle.OPEN).containsExactlyInAnyOrder(GENERATED, SENT_TO_DEVICE, UNKNOWN, PUSH_NOTIFICATION_FAILED,
                SOCKET_NOTIFICATION_FAILED, PUSH_NOTIFICATION_SENT, SOCKET_NOTIFICATION_SENT, TAKEN_BY_DEVICE);
        assertThat(Lifecycle.BEFORE_TAKEN).containsExactlyInAnyOrder(GENERATED, SENT_TO_DEVICE, PUSH_NOTIFICATION_FAILED,
                SOCKET_NOTIFICATION_FAILED, PUSH_NOTIFICATION_SENT, SOCKET_NOTIFICATION_SENT);
        assertThat(Lifecycle.UNSENT).containsExactlyInAnyOrder(GENERATED, PUSH_NOTIFICATION_FAILED,
                SOCKET_NOTIFICATION_FAILED, PUSH_NOTIFICATION_SENT);
        assertThat(Lifecycle.NOT_RECEIVED).containsExactlyInAnyOrder(GENERATED, PUSH_NOTIFICATION_FAILED,
                SOCKET_NOTIFICATION_FAILED, PUSH_NOTIFICATION_SENT, SOCKET_NOTIFICATION_SENT);
        assertThat(Lifecycle.TAKEN).containsExactlyInAnyOrder(TAKEN_BY_DEVICE, UNKNOWN, SUCCESSFUL, FAILED);
        assertThat(Lifecycle.OUTCOMES).containsExactlyInAnyOrder(SUCCESSFUL, FAILED);
        assertThat(Lifecycle.DROPPED).containsExactlyInAnyOrder(COULD_NOT_SEND_TO_DEVICE, WITHDRAWN);
        for (PaymentStatus status : PaymentStatus.values()) {
            assertThat(status.isFinal()).as(status.name()).isEqualTo(Lifecycle.FINAL.contains(status));
            assertThat(Lifecycle.OPEN.contains(status)).as(status.name()).isNotEqualTo(status.isFinal());
        }
    }

    /**
     * The partial indexes on orders name their groups in numbers, as a schema must; the
     * groups bound into the queries they serve must be those numbers, in the same order, or
     * the planner cannot match query and index.
     */
    @Test
    void theGroupsBindAsThePartialIndexesNameThem() throws Exception {
        String schema;
        try (var in = LifecycleTests.class.getResourceAsStream("/db/migration/V2__payments.sql")) {
            schema = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertThat(schema).contains("where status_id not in (" + numbers(Lifecycle.FINAL) + ")");
        assertThat(schema).contains("where status_id in (" + numbers(Lifecycle.NOT_RECEIVED) + ")");
        assertThat(schema).contains("where status_id = " + TAKEN_BY_DEVICE.id() + ";");
    }

    private static String numbers(Set<PaymentStatus> group) {
        return String.join(", ", Stream.of(Lifecycle.ids(group)).map(String::valueOf).toList());
    }

    @Test
    void idsAreTheWireNumbers() {
        for (int id = 1; id <= 12; id++) {
            assertThat(PaymentStatus.of(id).id()).isEqualTo(id);
        }
        assertThat(SENT_TO_DEVICE.wireName()).isEqualTo("SentToDevice");
    }
}
