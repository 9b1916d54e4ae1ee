package io.kasa.server.terminal;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class PairRequestTests {

    private static final Instant CREATED = Instant.parse("2026-11-24T10:00:00Z");
    private static final Instant EXPIRES = CREATED.plusSeconds(600);

    private static PairRequest request(PairRequest.Status status) {
        return new PairRequest(UUID.randomUUID(), UUID.randomUUID(), "123456", status, CREATED, EXPIRES, null, null);
    }

    @Test
    void aPendingRequestExpiresAtItsExpiryInstant() {
        assertThat(request(PairRequest.Status.PENDING).statusAt(EXPIRES.minusMillis(1))).isEqualTo(PairRequest.Status.PENDING);
        assertThat(request(PairRequest.Status.PENDING).statusAt(EXPIRES)).isEqualTo(PairRequest.Status.EXPIRED);
    }

    @Test
    void finishedRequestsKeepTheirStatus() {
        assertThat(request(PairRequest.Status.COMPLETED).statusAt(EXPIRES.plusSeconds(1))).isEqualTo(PairRequest.Status.COMPLETED);
        assertThat(request(PairRequest.Status.CANCELLED).statusAt(EXPIRES.plusSeconds(1))).isEqualTo(PairRequest.Status.CANCELLED);
    }
}
