package io.kasa.terminal;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import io.kasa.terminal.DeviceOrder.Progress;

/**
 * The device side of device protocol 3 for one agent: stores and acknowledges each order, starts
 * it as the {@link Behaviour} says, charges only after the server acknowledged the take, reports
 * the outcome until the server acknowledges it, and after every {@code welcome} repeats what the
 * server may have missed (3.3).
 *
 * <p>Every step is written to the {@link OrderBook} (and so to the store) before the server hears
 * of it: a device that dies between the two repeats the step after restarting, which the protocol
 * makes harmless, and never reports a step it could not remember.
 *
 * <p>Runs on the agent's serial executor, apart from the behaviour setters, which any thread may
 * call. While powered off (before the first start, after {@code stop()}, {@code crash()} or
 * {@code vanish()}) it does nothing; {@link #boot()} takes up again whatever the store holds.
 */
final class Cashier {

    /** What the cashier needs from its agent; called on the agent's executor. */
    interface Link {
        /** Sends on the live connection; false when there is none (the message is dropped, resumption repeats it). */
        boolean send(ObjectNode message);

        /** Drops the TCP connection; the agent reconnects with backoff. */
        void dropConnection();

        /** Dies at once, as after a power cut; see {@link TerminalAgent#crash()}. */
        void crash();

        /** Runs {@code task} on the agent's executor after {@code delay}. */
        ScheduledFuture<?> schedule(Runnable task, Duration delay);
    }

    private static final System.Logger LOG = System.getLogger(Cashier.class.getName());

    private final OrderBook book;
    private final Link link;
    private final List<Consumer<DeviceOrder>> arrivalListeners = new CopyOnWriteArrayList<>();
    private final Queue<Behaviour> oneShots = new ConcurrentLinkedQueue<>();
    private volatile Behaviour standing;

    // Used on the agent's executor only.
    private boolean powered;
    /** Changes at every boot and power cut, so that timers of an earlier life do nothing. */
    private int life;
    /** Changes at every welcome: which connection an outcome was last sent on. */
    private int session;
    /** Taken orders: what to do once the take is acknowledged. */
    private final Map<String, Behaviour> plans = new HashMap<>();
    /** Outcomes chosen with {@link #decide(String, Outcome)} for orders whose take is not yet acknowledged. */
    private final Map<String, Outcome> decided = new HashMap<>();
    private final Map<String, ScheduledFuture<?>> thinking = new HashMap<>();
    /** Charges to finish right after the next welcome ({@link Behaviour#disconnectAfterTaking()}). */
    private final Map<String, Behaviour> afterReconnect = new HashMap<>();
    private final Map<String, Integer> reportedIn = new HashMap<>();

    Cashier(OrderBook book, Link link, Behaviour behaviour) {
        this.book = book;
        this.link = link;
        this.standing = Objects.requireNonNull(behaviour, "behaviour");
    }

    void behave(Behaviour behaviour) {
        standing = Objects.requireNonNull(behaviour, "behaviour");
    }

    Behaviour behaviour() {
        return standing;
    }

    void behaveNext(Behaviour behaviour) {
        oneShots.add(Objects.requireNonNull(behaviour, "behaviour"));
    }

    void onArrival(Consumer<DeviceOrder> listener) {
        arrivalListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    boolean powered() {
        return powered;
    }

    /**
     * Powers on: reads the store and takes up every order in it by the standing behaviour. An
     * order nobody started is handled as if it had just arrived; a taken one waits for its
     * acknowledgement; a charging one (the device died while charging) is finished by the
     * behaviour's decision; a reported one is sent again after the next welcome.
     *
     * @throws java.io.UncheckedIOException when the store cannot be read
     */
    void boot() {
        forgetEverything();
        book.load();
        powered = true;
        Behaviour now = standing;
        for (DeviceOrder order : book.heldByArrival()) {
            switch (order.progress()) {
                case RECEIVED -> start(order.orderId(), now);
                case TAKEN -> plans.put(order.orderId(), now.resumed());
                case CHARGING -> charge(order, now.resumed());
                default -> { }
            }
        }
    }

    /** Loses everything not in the store, as a device losing power does; the store is left as it is. */
    void powerCut() {
        powered = false;
        forgetEverything();
    }

    /** Protocol 3.3: right after {@code welcome}, repeats every take and outcome the server has not acknowledged. */
    void resume() {
        if (!powered) {
            return;
        }
        session++;
        for (DeviceOrder order : book.heldByArrival()) {
            switch (order.progress()) {
                case TAKEN -> link.send(OrderMessages.taken(order.orderId()));
                case REPORTED -> sendOutcome(order);
                case CHARGING -> {
                    Behaviour plan = afterReconnect.remove(order.orderId());
                    if (plan != null) {
                        charge(order, plan);
                    }
                }
                default -> { }
            }
        }
    }

    /** The {@code order} message (protocol 3.2, step 1). */
    void order(JsonNode message) {
        if (!powered) {
            return;
        }
        OrderMessages.Delivery delivery;
        try {
            delivery = OrderMessages.read(message, book.nextArrival());
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "Refusing order {0}: {1}", text(message, "orderId"), e.getMessage());
            return;
        }
        String orderId = delivery.order().orderId();
        book.delivered(orderId);
        Optional<DeviceOrder> known = book.find(orderId);
        if (known.isPresent()) {
            again(known.get(), delivery.taken());
            return;
        }
        DeviceOrder arrived = delivery.taken() ? delivery.order().at(Progress.CHARGING) : delivery.order();
        if (!book.save(arrived)) {
            return;
        }
        link.send(OrderMessages.received(orderId));
        book.arrived(arrived);
        if (delivery.taken()) {
            LOG.log(System.Logger.Level.WARNING, "Order {0} arrived as taken but this device has no record of it;"
                    + " it is held until approved or declined", orderId);
        } else {
            start(orderId, nextBehaviour());
        }
        for (Consumer<DeviceOrder> listener : arrivalListeners) {
            try {
                listener.accept(arrived);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Order listener failed", e);
            }
        }
    }

    /** The {@code ack} message (protocol 3.2, steps 2 and 3). */
    void ack(JsonNode message) {
        if (!powered) {
            return;
        }
        String orderId = text(message, "orderId");
        String of = text(message, "of");
        if (orderId == null) {
            LOG.log(System.Logger.Level.WARNING, "Ignoring an ack without orderId");
        } else if ("taken".equals(of)) {
            takeAcknowledged(orderId);
        } else if ("outcome".equals(of)) {
            book.held(orderId).filter(order -> order.progress() == Progress.REPORTED).ifPresent(order -> {
                reportedIn.remove(orderId);
                book.release(orderId, Progress.SETTLED);
            });
        } else {
            LOG.log(System.Logger.Level.DEBUG, "Ignoring an ack of ''{0}'' for order {1}", of, orderId);
        }
    }

    /**
     * The {@code withdraw} message: an order not yet charging is dropped without charging. One
     * whose take the server acknowledged is kept: the card may be charged already, so only its
     * outcome can end it.
     */
    void withdraw(JsonNode message) {
        if (!powered) {
            return;
        }
        String orderId = text(message, "orderId");
        if (orderId == null) {
            LOG.log(System.Logger.Level.WARNING, "Ignoring a withdraw without orderId");
            return;
        }
        book.withdrawn(new Withdrawal(orderId, text(message, "reason")));
        book.held(orderId).ifPresent(order -> {
            switch (order.progress()) {
                case RECEIVED, TAKEN -> {
                    forget(orderId);
                    book.release(orderId, Progress.WITHDRAWN);
                }
                default -> LOG.log(System.Logger.Level.WARNING,
                        "Keeping order {0} despite withdraw: its take was acknowledged ({1})", orderId, order.progress());
            }
        });
    }

    /**
     * Ends a held order with {@code outcome} as a person at the terminal would: an order nobody
     * started is taken first and reported once the take is acknowledged; a taken one is reported
     * once its take is acknowledged; a charging one is reported at once.
     *
     * @throws IllegalStateException    when powered off, or the order already has an outcome or was
     *                                  already decided by this method
     * @throws IllegalArgumentException when the device does not hold the order
     */
    void decide(String orderId, Outcome outcome) {
        Objects.requireNonNull(outcome, "outcome");
        if (!powered) {
            throw new IllegalStateException("the agent is not running: start it first");
        }
        DeviceOrder order = book.held(orderId)
                .orElseThrow(() -> new IllegalArgumentException("order " + orderId + " is not pending on this device"));
        switch (order.progress()) {
            case RECEIVED -> {
                if (take(order, Behaviour.manual())) {
                    decided.put(orderId, outcome);
                }
            }
            case TAKEN -> {
                Outcome earlier = decided.putIfAbsent(orderId, outcome);
                if (earlier != null) {
                    throw new IllegalStateException("order " + orderId + " is already being "
                            + (earlier.result() == Outcome.Result.APPROVED ? "approved" : "declined"));
                }
            }
            case CHARGING -> {
                afterReconnect.remove(orderId);
                report(order, outcome);
            }
            default -> throw new IllegalStateException("order " + orderId + " already has an outcome: "
                    + order.outcome().result().wire());
        }
    }

    private Behaviour nextBehaviour() {
        Behaviour next = oneShots.poll();
        return next != null ? next : standing;
    }

    /** Repeated {@code order}: acknowledged again; an order the server holds as taken is never started again. */
    private void again(DeviceOrder known, boolean taken) {
        String orderId = known.orderId();
        link.send(OrderMessages.received(orderId));
        switch (known.progress()) {
            case RECEIVED -> {
                if (taken) {
                    LOG.log(System.Logger.Level.WARNING, "The server holds order {0} as taken but this device never"
                            + " started it; it is held until approved or declined", orderId);
                    book.save(known.at(Progress.CHARGING));
                }
            }
            case REPORTED -> {
                if (taken && !Integer.valueOf(session).equals(reportedIn.get(orderId))) {
                    sendOutcome(known);
                }
            }
            default -> { }
        }
    }

    /** Starts an order nobody has started yet, if the behaviour takes orders by itself. */
    private void start(String orderId, Behaviour behaviour) {
        if (!behaviour.takes()) {
            return;
        }
        book.held(orderId)
                .filter(order -> order.progress() == Progress.RECEIVED)
                .ifPresent(order -> take(order, behaviour));
    }

    private boolean take(DeviceOrder order, Behaviour plan) {
        if (!book.save(order.at(Progress.TAKEN))) {
            return false;
        }
        plans.put(order.orderId(), plan);
        link.send(OrderMessages.taken(order.orderId()));
        return true;
    }

    private void takeAcknowledged(String orderId) {
        DeviceOrder order = book.held(orderId).orElse(null);
        if (order == null || order.progress() != Progress.TAKEN) {
            LOG.log(System.Logger.Level.DEBUG, "Ignoring a take ack for order {0}: not waiting for one", orderId);
            return;
        }
        DeviceOrder charging = order.at(Progress.CHARGING);
        if (!book.save(charging)) {
            return;
        }
        Outcome chosen = decided.remove(orderId);
        Behaviour plan = plans.remove(orderId);
        if (chosen != null) {
            report(charging, chosen);
            return;
        }
        if (plan == null) {
            plan = standing.resumed();
        }
        switch (plan.interruption()) {
            case CRASH -> link.crash();
            case DROP_CONNECTION -> {
                afterReconnect.put(orderId, plan.resumed());
                link.dropConnection();
            }
            case NONE -> charge(charging, plan);
        }
    }

    /** Reports the behaviour's decision after its think time; a behaviour without one leaves the order charging. */
    private void charge(DeviceOrder order, Behaviour plan) {
        Outcome.Result decision = plan.decision();
        if (decision == null) {
            return;
        }
        String orderId = order.orderId();
        if (plan.think().isZero()) {
            report(order, TestAcquirer.outcome(decision, orderId));
            return;
        }
        int scheduledIn = life;
        thinking.put(orderId, link.schedule(() -> thought(orderId, decision, scheduledIn), plan.think()));
    }

    private void thought(String orderId, Outcome.Result decision, int scheduledIn) {
        if (!powered || scheduledIn != life || thinking.remove(orderId) == null) {
            return;
        }
        book.held(orderId)
                .filter(order -> order.progress() == Progress.CHARGING)
                .ifPresent(order -> report(order, TestAcquirer.outcome(decision, orderId)));
    }

    private void report(DeviceOrder order, Outcome outcome) {
        DeviceOrder reported = order.reporting(outcome);
        if (!book.save(reported)) {
            return;
        }
        stopThinking(order.orderId());
        sendOutcome(reported);
    }

    private void sendOutcome(DeviceOrder reported) {
        if (link.send(OrderMessages.outcome(reported))) {
            reportedIn.put(reported.orderId(), session);
        }
    }

    private void forget(String orderId) {
        plans.remove(orderId);
        decided.remove(orderId);
        afterReconnect.remove(orderId);
        reportedIn.remove(orderId);
        stopThinking(orderId);
    }

    private void stopThinking(String orderId) {
        ScheduledFuture<?> timer = thinking.remove(orderId);
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private void forgetEverything() {
        life++;
        thinking.values().forEach(timer -> timer.cancel(false));
        thinking.clear();
        plans.clear();
        decided.clear();
        afterReconnect.clear();
        reportedIn.clear();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.stringValue() : null;
    }
}
