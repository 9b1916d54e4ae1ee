package io.kasa.terminal;

import static io.kasa.terminal.DeviceOrder.Progress.CHARGING;
import static io.kasa.terminal.DeviceOrder.Progress.RECEIVED;
import static io.kasa.terminal.DeviceOrder.Progress.REPORTED;
import static io.kasa.terminal.DeviceOrder.Progress.SETTLED;
import static io.kasa.terminal.DeviceOrder.Progress.TAKEN;
import static io.kasa.terminal.DeviceOrder.Progress.WITHDRAWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The order protocol as the device speaks it (device protocol 3), message by message, with the
 * connection and the clock replaced by a {@link Wire} the test drives.
 */
class CashierTests {

    private static final ScheduledExecutorService NEVER = Executors.newSingleThreadScheduledExecutor();

    private final DeviceStore store = DeviceStore.inMemory();
    private final Wire wire = new Wire();
    private OrderBook book = new OrderBook(store);
    private Cashier cashier = new Cashier(book, wire, Behaviour.approve());

    @AfterAll
    static void shutDown() {
        NEVER.shutdownNow();
    }

    @Test
    void approveStoresAcknowledgesTakesThenChargesOnlyAfterTheTakeAck() {
        boot();

        cashier.order(Orders.message("o-1", "Kasa 1"));

        assertThat(wire.sent()).containsExactly("received o-1", "taken o-1");
        assertThat(store.orders()).extracting(DeviceOrder::progress).containsExactly(TAKEN);

        cashier.ack(Orders.ack("o-1", "taken"));

        assertThat(wire.sent()).containsExactly("outcome o-1 approved");
        JsonNode outcome = wire.last();
        assertThat(outcome.path("card").path("maskedPan").stringValue()).matches("4111 11\\*\\* \\*\\*\\*\\* \\d{4}");
        assertThat(outcome.path("card").path("brand").stringValue()).isEqualTo("VISA");
        assertThat(outcome.path("card").path("authCode").stringValue()).matches("[0-9A-Z]{6}");
        assertThat(outcome.path("providerReference").stringValue()).isNotBlank();
        assertThat(store.orders()).extracting(DeviceOrder::progress).containsExactly(REPORTED);

        cashier.ack(Orders.ack("o-1", "outcome"));

        assertThat(store.orders()).isEmpty();
        assertThat(book.pending()).isEmpty();
        assertThat(book.find("o-1")).hasValueSatisfying(order -> {
            assertThat(order.progress()).isEqualTo(SETTLED);
            assertThat(order.outcome().result()).isEqualTo(Outcome.Result.APPROVED);
        });
        assertThat(wire.sent()).isEmpty();
    }

    @Test
    void declineReportsADeclineWithAMessage() {
        cashier.behave(Behaviour.decline());
        boot();

        cashier.order(Orders.message("o-1", "Kasa 1"));
        cashier.ack(Orders.ack("o-1", "taken"));

        assertThat(wire.sent()).containsExactly("received o-1", "taken o-1", "outcome o-1 declined");
        assertThat(wire.last().path("message").stringValue()).isEqualTo(TestAcquirer.DECLINE_MESSAGE);
        assertThat(wire.last().has("card")).isFalse();
    }

    @Test
    void thinksOnTheTimerBetweenTheTakeAckAndTheOutcome() {
        cashier.behave(Behaviour.declineAfter(Duration.ofSeconds(3)));
        boot();
        cashier.order(Orders.message("o-1", "Kasa 1"));
        cashier.ack(Orders.ack("o-1", "taken"));

        assertThat(wire.sent()).containsExactly("received o-1", "taken o-1");
        assertThat(wire.timers).singleElement().extracting(Timer::delay).isEqualTo(Duration.ofSeconds(3));
        assertThat(book.held("o-1")).map(DeviceOrder::progress).contains(CHARGING);

        wire.runTimers();

        assertThat(wire.sent()).containsExactly("outcome o-1 declined");
    }

    @Test
    void ignoreLeavesTheOrderPendingUntilWithdrawn() {
        cashier.behave(Behaviour.ignore());
        boot();

        cashier.order(Orders.message("o-1", "Kasa 1"));

        assertThat(wire.sent()).containsExactly("received o-1");
        assertThat(book.pending()).extracting(DeviceOrder::progress).containsExactly(RECEIVED);

        cashier.withdraw(Orders.withdraw("o-1", "rollback"));

        assertThat(book.pending()).isEmpty();
        assertThat(store.orders()).isEmpty();
        assertThat(book.find("o-1")).map(DeviceOrder::progress).contains(WITHDRAWN);
        assertThat(book.withdrawals()).containsExactly(new Withdrawal("o-1", "rollback"));
        assertThat(wire.sent()).isEmpty();
    }

    @Test
    void aWithdrawWhileWaitingForTheTakeAckMeansTheOrderIsNeverCharged() {
        boot();
        cashier.order(Orders.message("o-1", "Kasa 1"));
        wire.sent();

        cashier.withdraw(Orders.withdraw("o-1", "expired"));
        cashier.ack(Orders.ack("o-1", "taken"));
        cashier.resume();

        assertThat(wire.sent()).isEmpty();
        assertThat(store.orders()).isEmpty();
        assertThat(book.find("o-1")).map(DeviceOrder::progress).contains(WITHDRAWN);
    }

    @Test
    void aWithdrawAfterTheTakeAckIsRefusedTheCardMayBeCharged() {
        cashier.behave(Behaviour.neverAnswer());
        boot();
        cashier.order(Orders.message("o-1", "Kasa 1"));
        cashier.ack(Orders.ack("o-1", "taken"));

        cashier.withdraw(Orders.withdraw("o-1", "rollback"));

        assertThat(book.held("o-1")).map(DeviceOrder::progress).contains(CHARGING);
        assertThat(book.withdrawals()).hasSize(1);
    }

    @Test
    void neverAnswerTakesAndThenStaysCharging() {
        cashier.behave(Behaviour.neverAnswer());
        boot();

        cashier.order(Orders.message("o-1", "Kasa 1"));
        cashier.ack(Orders.ack("o-1", "taken"));
        cashier.resume();

        assertThat(wire.sent()).containsExactly("received o-1", "taken o-1");
        assertThat(wire.timers).isEmpty();
        assertThat(book.pending()).extracting(DeviceOrder::progress).containsExactly(CHARGING);
    }

    @Test
    void manualHoldsEveryOrderUntilSomebodyDecides() {
        cashier.behave(Behaviour.manual());
        boot();
        cashier.order(Orders.message("o-1", "Kasa 1"));
        cashier.order(Orders.message("o-2", "Kasa 2"));
        assertThat(wire.sent()).containsExactly("received o-1", "received o-2");

        cashier.decide("o-2", TestAcquirer.decline("o-2"));
        assertThat(wire.sent()).containsExactly("taken o-2");
        cashier.ack(Orders.ack("o-2", "taken"));

        assertThat(wire.sent()).containsExactly("outcome o-2 declined");
        assertThat(book.held("o-1")).map(DeviceOrder::progress).contains(RECEIVED);
    }

    @Test
    void decidingSettlesAChargingOrderAtOnceAndCancelsTheThinking() {
        cashier.behave(Behaviour.approveAfter(Duration.ofMinutes(1)));
        boot();
        cashier.order(Orders.message("o-1", "Kasa 1"));
        cashier.ack(Orders.ack("o-1", "taken"));
        wire.sent();

        cashier.decide("o-1", TestAcquirer.decline("o-1"));
        wire.runTimers();

        assertThat(wire.sent()).containsExactly("outcome o-1 declined");
    }

    @Test
    void decidingRefusesUnknownOrdersAndOrdersThatHaveAnOutcome() {
        boot();
        cashier.order(Orders.message("o-1", "Kasa 1"));
        cashier.ack(Orders.ack("o-1", "taken"));

        assertThatThrownBy(() -> cashier.decide("o-9", TestAcquirer.approval("o-9")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("order o-9 is not pending on this device");
        assertThatThrownBy(() -> cashier.decide("o-1", TestAcquirer.decline("o-1")))
                .isInstanceOf(IllegalStateException.class).hasMessage("order o-1 already has an outcome: approved");
    }

    @Test
    void decidingTwiceBeforeTheTakeAckIsRefused() {
        cashier.behave(Behaviour.manual());
        boot();
        cashier.order(Orders.message("o-1", "Kasa 1"));
        cashier.decide("o-1", TestAcquirer.decline("o-1"));

        assertThatThrownBy(() -> cashier.decide("o-1", TestAcquirer.approval("o-1")))
                .isInstanceOf(IllegalStateException.class).hasMessage("order o-1 is already being declined");
        cashier.ack(Orders.ack("o-1", "taken"));
        assertThat(wire.sent()).containsExactly("received o-1", "taken o-1", "outcome o-1 declined");
    }

    @Test
    void decidingNeedsAPoweredDevice() {
        store.saveOrder(Orders.stored("o-1", 1, RECEIVED));
        book.load();

        assertThatThrownBy(() -> cashier.decide("o-1", TestAcquirer.approval("o-1")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not running");
    }

    @Test
    void oneShotBehavioursApplyToTheNextOrdersOnlyInTheOrderGiven() {
        cashier.behave(Behaviour.ignore());
        boot();
        cashier.behaveNext(Behaviour.decline());
        cashier.behaveNext(Behaviour.approve());

        for (String id : List.of("o-1", "o-2", "o-3")) {
            cashier.order(Orders.message(id, "Kasa 1"));
            cashier.ack(Orders.ack(id, "taken"));
        }

        assertThat(wire.sent()).containsExactly("received o-1", "taken o-1", "outcome o-1 declined",
                "received o-2", "taken o-2", "outcome o-2 approved", "received o-3");
    }

    @Test
    void aRepeatedOrderIsAcknowledgedAgainAndOtherwiseIgnored() {
        cashier.behave(Behaviour.neverAnswer());
        boot();
        cashier.order(Orders.message("o-1", "Kasa 1"));
        cashier.order(Orders.message("o-2", "Kasa 1"));
        cashier.order(Orders.message("o-1", "Kasa 1"));

        assertThat(wire.sent()).containsExactly("received o-1", "taken o-1", "received o-2", "taken o-2", "received o-1");
        assertThat(book.receivedIds()).containsExactly("o-1", "o-2");
        assertThat(book.deliveries("o-1")).isEqualTo(2);
        assertThat(book.awaitArrival(Duration.ZERO)).map(DeviceOrder::orderId).contains("o-1");
        assertThat(book.awaitArrival(Duration.ZERO)).map(DeviceOrder::orderId).contains("o-2");
        assertThat(book.awaitArrival(Duration.ZERO)).isEmpty();
    }

    @Test
    void aSettledOrderSentAgainIsOnlyAcknowledged() {
        boot();
        cashier.order(Orders.message("o-1", "Kasa 1"));
        cashier.ack(Orders.ack("o-1", "taken"));
        cashier.ack(Orders.ack("o-1", "outcome"));
        wire.sent();

        cashier.order(Orders.taken("o-1"));

        assertThat(wire.sent()).containsExactly("received o-1");
        assertThat(book.pending()).isEmpty();
    }

    @Test
    void afterWelcomeRepeatsUnacknowledgedTakesAndOutcomesInOrderOfArrival() {
        cashier.behave(Behaviour.ignore());
        boot();
        cashier.order(Orders.message("o-1", "Kasa 1"));
        cashier.order(Orders.message("o-2", "Kasa 2"));
        cashier.order(Orders.message("o-3", "Kasa 3"));
        cashier.decide("o-1", TestAcquirer.approval("o-1"));
        cashier.decide("o-3", TestAcquirer.decline("o-3"));
        cashier.ack(Orders.ack("o-3", "taken"));
        wire.sent();

        cashier.resume();

        assertThat(wire.sent()).containsExactly("taken o-1", "outcome o-3 declined");
    }

    @Test
    void anOrderResentAsTakenIsNotStartedAgainAndItsOutcomeGoesOncePerConnection() {
        cashier.behave(Behaviour.ignore());
        boot();
        cashier.order(Orders.message("o-1", "Kasa 1"));
        cashier.decide("o-1", TestAcquirer.approval("o-1"));
        cashier.ack(Orders.ack("o-1", "taken"));
        wire.sent();

        cashier.order(Orders.taken("o-1"));
        assertThat(wire.sent()).containsExactly("received o-1");

        cashier.resume();
        cashier.order(Orders.taken("o-1"));
        assertThat(wire.sent()).containsExactly("outcome o-1 approved", "received o-1");
        assertThat(book.held("o-1")).map(DeviceOrder::progress).contains(REPORTED);
    }

    @Test
    void anOrderResentAsTakenGetsItsOutcomeIfThisConnectionHasNotCarriedItYet() {
        cashier.behave(Behaviour.neverAnswer());
        boot();
        cashier.order(Orders.message("o-1", "Kasa 1"));
        cashier.ack(Orders.ack("o-1", "taken"));
        wire.live = false;
        cashier.decide("o-1", TestAcquirer.approval("o-1"));
        wire.live = true;
        wire.sent();

        cashier.order(Orders.taken("o-1"));

        assertThat(wire.sent()).containsExactly("received o-1", "outcome o-1 approved");
    }

    @Test
    void anOrderResentAsTakenWhileStillChargingKeepsWaitingForItsBehaviour() {
        cashier.behave(Behaviour.approveAfter(Duration.ofSeconds(5)));
        boot();
        cashier.order(Orders.message("o-1", "Kasa 1"));
        cashier.ack(Orders.ack("o-1", "taken"));
        wire.sent();

        cashier.resume();
        cashier.order(Orders.taken("o-1"));
        assertThat(wire.sent()).containsExactly("received o-1");

        wire.runTimers();
        assertThat(wire.sent()).containsExactly("outcome o-1 approved");
    }

    @Test
    void anUnknownOrderSentAsTakenIsHeldChargingUntilSomebodyDecides() {
        boot();

        cashier.order(Orders.taken("o-1"));

        assertThat(wire.sent()).containsExactly("received o-1");
        assertThat(book.pending()).extracting(DeviceOrder::progress).containsExactly(CHARGING);

        cashier.decide("o-1", TestAcquirer.decline("o-1"));
        assertThat(wire.sent()).containsExactly("outcome o-1 declined");
    }

    @Test
    void disconnectAfterTakingDropsTheConnectionAndApprovesAfterTheNextWelcome() {
        cashier.behave(Behaviour.disconnectAfterTaking());
        boot();
        cashier.order(Orders.message("o-1", "Kasa 1"));

        cashier.ack(Orders.ack("o-1", "taken"));

        assertThat(wire.drops).isEqualTo(1);
        assertThat(wire.sent()).containsExactly("received o-1", "taken o-1");
        assertThat(book.held("o-1")).map(DeviceOrder::progress).contains(CHARGING);

        wire.live = true;
        cashier.resume();

        assertThat(wire.sent()).containsExactly("outcome o-1 approved");
        assertThat(wire.drops).isEqualTo(1);
    }

    @Test
    void crashAfterTakingLeavesChargingInTheStoreAndTheNextAgentFinishesIt() {
        cashier.behave(Behaviour.crashAfterTaking());
        boot();
        cashier.order(Orders.message("o-1", "Kasa 1"));

        cashier.ack(Orders.ack("o-1", "taken"));

        assertThat(wire.crashes).isEqualTo(1);
        assertThat(store.orders()).extracting(DeviceOrder::progress).containsExactly(CHARGING);
        assertThat(wire.sent()).containsExactly("received o-1", "taken o-1");
        cashier.ack(Orders.ack("o-1", "outcome"));
        assertThat(store.orders()).extracting(DeviceOrder::progress).containsExactly(CHARGING);

        restart(Behaviour.crashAfterTaking());

        assertThat(store.orders()).extracting(DeviceOrder::progress).containsExactly(REPORTED);
        cashier.resume();
        assertThat(wire.sent()).containsExactly("outcome o-1 approved");
        assertThat(wire.crashes).isEqualTo(1);
    }

    @Test
    void aRestartedDeviceFinishesAnInterruptedChargeByItsOwnBehaviour() {
        store.saveOrder(Orders.stored("o-1", 1, CHARGING));

        restart(Behaviour.decline());
        cashier.resume();

        assertThat(wire.sent()).containsExactly("outcome o-1 declined");
    }

    @Test
    void aRestartedDeviceTakesUpEveryStepWhereTheStoreLeftIt() {
        store.saveOrder(Orders.stored("o-1", 1, RECEIVED));
        store.saveOrder(Orders.stored("o-2", 2, TAKEN));
        store.saveOrder(Orders.stored("o-3", 3, REPORTED));

        restart(Behaviour.approve());
        assertThat(wire.sent()).isEmpty();
        assertThat(book.nextArrival()).isEqualTo(4);
        cashier.resume();

        assertThat(wire.sent()).containsExactly("taken o-1", "taken o-2", "outcome o-3 approved");
        cashier.ack(Orders.ack("o-2", "taken"));
        assertThat(wire.sent()).containsExactly("outcome o-2 approved");
    }

    @Test
    void nothingHappensWhilePoweredOff() {
        cashier.behave(Behaviour.approveAfter(Duration.ofSeconds(1)));
        boot();
        cashier.order(Orders.message("o-1", "Kasa 1"));
        cashier.ack(Orders.ack("o-1", "taken"));
        wire.sent();

        cashier.powerCut();
        wire.runTimers();
        cashier.order(Orders.message("o-2", "Kasa 1"));
        cashier.resume();

        assertThat(wire.sent()).isEmpty();
        assertThat(store.orders()).extracting(DeviceOrder::orderId, DeviceOrder::progress)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("o-1", CHARGING));
    }

    @Test
    void refusesAnOrderThatBreaksTheProtocolWithoutAcknowledgingIt() {
        boot();
        ObjectNode broken = Orders.message("o-1", "Kasa 1").put("amount", 22.0);

        cashier.order(broken);

        assertThat(wire.sent()).isEmpty();
        assertThat(book.pending()).isEmpty();
        assertThat(book.receivedIds()).isEmpty();
    }

    @Test
    void listsPendingOrdersByDisplayCodeThenArrivalThoseWithoutACodeLast() {
        cashier.behave(Behaviour.ignore());
        boot();
        cashier.order(Orders.message("o-1", "Berber"));
        cashier.order(Orders.message("o-2", null));
        cashier.order(Orders.message("o-3", "Aksesuar"));
        cashier.order(Orders.message("o-4", "Berber"));
        cashier.order(Orders.message("o-5", "Aksesuar"));

        assertThat(book.pending()).extracting(DeviceOrder::orderId).containsExactly("o-3", "o-5", "o-1", "o-4", "o-2");
        assertThat(book.receivedIds()).containsExactly("o-1", "o-2", "o-3", "o-4", "o-5");
    }

    @Test
    void tellsListenersEveryStepOnceItIsStored() {
        List<String> steps = new ArrayList<>();
        List<String> arrivals = new ArrayList<>();
        book.onProgress(order -> steps.add(order.orderId() + " " + order.progress()
                + (store.orders().stream().anyMatch(stored -> stored.equals(order)) || !order.progress().held() ? "" : " unstored")));
        cashier.onArrival(order -> arrivals.add(order.orderId() + " " + order.progress()));
        boot();

        cashier.order(Orders.message("o-1", "Kasa 1"));
        cashier.ack(Orders.ack("o-1", "taken"));
        cashier.ack(Orders.ack("o-1", "outcome"));

        assertThat(steps).containsExactly("o-1 RECEIVED", "o-1 TAKEN", "o-1 CHARGING", "o-1 REPORTED", "o-1 SETTLED");
        assertThat(arrivals).containsExactly("o-1 RECEIVED");
    }

    private void boot() {
        cashier.boot();
        wire.live = true;
    }

    /** A new agent's book and cashier over the same store, booted as {@code start()} does. */
    private void restart(Behaviour behaviour) {
        wire.live = false;
        wire.sent();
        wire.timers.clear();
        book = new OrderBook(store);
        cashier = new Cashier(book, wire, behaviour);
        cashier.boot();
        wire.live = true;
    }

    record Timer(Runnable task, Duration delay, ScheduledFuture<?> future) {
    }

    /** The connection and timer as the cashier sees them; sends are kept while live, dropped otherwise. */
    final class Wire implements Cashier.Link {
        boolean live;
        int drops;
        int crashes;
        final List<Timer> timers = new ArrayList<>();
        private final List<JsonNode> sent = new ArrayList<>();
        private JsonNode last;

        @Override
        public boolean send(ObjectNode message) {
            if (!live) {
                return false;
            }
            sent.add(message);
            last = message;
            return true;
        }

        @Override
        public void dropConnection() {
            drops++;
            live = false;
        }

        @Override
        public void crash() {
            crashes++;
            live = false;
            cashier.powerCut();
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable task, Duration delay) {
            ScheduledFuture<?> future = NEVER.schedule(() -> { }, 1, TimeUnit.DAYS);
            timers.add(new Timer(task, delay, future));
            return future;
        }

        /** Runs every timer not cancelled, as if its time had come. */
        void runTimers() {
            List<Timer> due = new ArrayList<>(timers);
            timers.clear();
            due.stream().filter(timer -> !timer.future().isCancelled()).forEach(timer -> timer.task().run());
        }

        /** The messages sent since the last call, as "type orderId [result]". */
        List<String> sent() {
            List<String> lines = sent.stream().map(message -> (message.path("type").stringValue() + " "
                    + message.path("orderId").stringValue() + " " + message.path("result").asString("")).strip()).toList();
            sent.clear();
            return lines;
        }

        JsonNode last() {
            return last;
        }
    }
}
