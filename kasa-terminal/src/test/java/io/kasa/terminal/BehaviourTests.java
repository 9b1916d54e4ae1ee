package io.kasa.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BehaviourTests {

    @Test
    void saysWhatItDoesWithEachOrder() {
        assertThat(Behaviour.approve()).satisfies(b -> expect(b, true, Behaviour.Interruption.NONE, Outcome.Result.APPROVED, Duration.ZERO));
        assertThat(Behaviour.decline()).satisfies(b -> expect(b, true, Behaviour.Interruption.NONE, Outcome.Result.DECLINED, Duration.ZERO));
        assertThat(Behaviour.approveAfter(Duration.ofSeconds(2)))
                .satisfies(b -> expect(b, true, Behaviour.Interruption.NONE, Outcome.Result.APPROVED, Duration.ofSeconds(2)));
        assertThat(Behaviour.declineAfter(Duration.ofMillis(5)))
                .satisfies(b -> expect(b, true, Behaviour.Interruption.NONE, Outcome.Result.DECLINED, Duration.ofMillis(5)));
        assertThat(Behaviour.ignore()).satisfies(b -> expect(b, false, Behaviour.Interruption.NONE, null, Duration.ZERO));
        assertThat(Behaviour.manual()).satisfies(b -> expect(b, false, Behaviour.Interruption.NONE, null, Duration.ZERO));
        assertThat(Behaviour.neverAnswer()).satisfies(b -> expect(b, true, Behaviour.Interruption.NONE, null, Duration.ZERO));
        assertThat(Behaviour.disconnectAfterTaking())
                .satisfies(b -> expect(b, true, Behaviour.Interruption.DROP_CONNECTION, Outcome.Result.APPROVED, Duration.ZERO));
        assertThat(Behaviour.crashAfterTaking())
                .satisfies(b -> expect(b, true, Behaviour.Interruption.CRASH, Outcome.Result.APPROVED, Duration.ZERO));
    }

    @Test
    void resumingKeepsTheDecisionWithoutTheInterruption() {
        assertThat(Behaviour.crashAfterTaking().resumed()).satisfies(b ->
                expect(b, true, Behaviour.Interruption.NONE, Outcome.Result.APPROVED, Duration.ZERO));
        assertThat(Behaviour.disconnectAfterTaking().resumed().interruption()).isEqualTo(Behaviour.Interruption.NONE);
        assertThat(Behaviour.declineAfter(Duration.ofSeconds(1)).resumed()).isEqualTo(Behaviour.declineAfter(Duration.ofSeconds(1)));
    }

    @Test
    void equalBehavioursAreMadeTheSameWayAndPrintAsTheirFactoryCall() {
        assertThat(Behaviour.approveAfter(Duration.ofMillis(1500))).isEqualTo(Behaviour.approveAfter(Duration.ofMillis(1500)))
                .hasSameHashCodeAs(Behaviour.approveAfter(Duration.ofMillis(1500)))
                .isNotEqualTo(Behaviour.approveAfter(Duration.ofMillis(1501)))
                .hasToString("approveAfter(PT1.5S)");
        assertThat(Behaviour.ignore()).isNotEqualTo(Behaviour.manual()).hasToString("ignore()");
    }

    @Test
    void thinkingTimeCannotBeNegative() {
        assertThatThrownBy(() -> Behaviour.approveAfter(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Behaviour.declineAfter(null)).isInstanceOf(NullPointerException.class);
    }

    private static void expect(Behaviour behaviour, boolean takes, Behaviour.Interruption interruption,
                               Outcome.Result decision, Duration think) {
        assertThat(behaviour.takes()).as("takes").isEqualTo(takes);
        assertThat(behaviour.interruption()).as("interruption").isEqualTo(interruption);
        assertThat(behaviour.decision()).as("decision").isEqualTo(decision);
        assertThat(behaviour.think()).as("think").isEqualTo(think);
    }
}
