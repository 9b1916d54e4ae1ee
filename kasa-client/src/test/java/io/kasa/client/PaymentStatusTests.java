package io.kasa.client;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

/** The status and type tables of {@code docs/api.md}, as tables. */
class PaymentStatusTests {

    @Test
    void statusesCarryTheirIdsNamesAndFinality() {
        assertThat(PaymentStatus.values())
                .extracting(PaymentStatus::id, PaymentStatus::wireName, PaymentStatus::isFinal)
                .containsExactly(
                        tuple(1, "Generated", false),
                        tuple(2, "SentToDevice", false),
                        tuple(3, "CouldNotSendToDevice", true),
                        tuple(4, "Successful", true),
                        tuple(5, "Failed", true),
                        tuple(6, "Unknown", false),
                        tuple(7, "PushNotificationFailed", false),
                        tuple(8, "SocketNotificationFailed", false),
                        tuple(9, "PushNotificationSent", false),
                        tuple(10, "SocketNotificationSent", false),
                        tuple(11, "TakenByDevice", false),
                        tuple(12, "Withdrawn", true));
    }

    @Test
    void typesCarryTheirIdsAndNames() {
        assertThat(PaymentType.values())
                .extracting(PaymentType::id, PaymentType::wireName)
                .containsExactly(tuple(1, "Sale"), tuple(2, "Cancel"), tuple(3, "Refund"), tuple(4, "Unknown"));
    }

    @Test
    void idsLookUpTheirConstantAndUnknownIdsAreRefused() {
        Arrays.stream(PaymentStatus.values()).forEach(status -> assertThat(PaymentStatus.of(status.id())).isSameAs(status));
        Arrays.stream(PaymentType.values()).forEach(type -> assertThat(PaymentType.of(type.id())).isSameAs(type));
        assertThatIllegalArgumentException().isThrownBy(() -> PaymentStatus.of(0));
        assertThatIllegalArgumentException().isThrownBy(() -> PaymentStatus.of(13));
        assertThatIllegalArgumentException().isThrownBy(() -> PaymentType.of(5));
    }

    @Test
    void theMapperWritesAndReadsTheWireNames() {
        for (PaymentStatus status : PaymentStatus.values()) {
            assertThat(KasaJson.MAPPER.writeValueAsString(status)).isEqualTo("\"" + status.wireName() + "\"");
            assertThat(KasaJson.MAPPER.readValue("\"" + status.wireName() + "\"", PaymentStatus.class)).isSameAs(status);
        }
    }
}
