package io.kasa.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestAcquirerTests {

    @Test
    void approvesOnAMaskedTestCardTheSameWayEveryTime() {
        Outcome approval = TestAcquirer.approval("5d0e2a52-3f0c-4d8a-9a57-2d4c5b1e7a10");

        assertThat(approval.result()).isEqualTo(Outcome.Result.APPROVED);
        assertThat(approval.card().maskedPan()).matches("4111 11\\*\\* \\*\\*\\*\\* \\d{4}");
        assertThat(approval.card().brand()).isEqualTo("VISA");
        assertThat(approval.card().authCode()).matches("[0-9A-Z]{6}");
        assertThat(approval.providerReference()).matches("TA[0-9A-F]{16}");
        assertThat(TestAcquirer.approval("5d0e2a52-3f0c-4d8a-9a57-2d4c5b1e7a10")).isEqualTo(approval);
        assertThat(TestAcquirer.approval("another order")).isNotEqualTo(approval);
    }

    @Test
    void declinesWithAReasonAndNoCard() {
        Outcome decline = TestAcquirer.outcome(Outcome.Result.DECLINED, "o-1");

        assertThat(decline.result()).isEqualTo(Outcome.Result.DECLINED);
        assertThat(decline.message()).isEqualTo("Declined by the card issuer");
        assertThat(decline.card()).isNull();
        assertThat(decline.providerReference()).startsWith("TA");
    }
}
