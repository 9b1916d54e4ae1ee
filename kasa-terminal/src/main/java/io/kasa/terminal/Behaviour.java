package io.kasa.terminal;

import java.time.Duration;
import java.util.Objects;

/**
 * How the agent's scripted cashier handles each new order: whether it starts the order, what
 * happens once the server acknowledges the take, and which outcome it reports after how long.
 * The agent applies its standing behaviour (or a one-shot one, see
 * {@link TerminalAgent#behaveNext(Behaviour)}) to an order when it arrives; changing the
 * behaviour later does not change orders already under way.
 *
 * <p>Think time runs from the server's take acknowledgement to the outcome, on the shared timer:
 * it holds no thread. {@link TerminalAgent#approve(String)} and {@link TerminalAgent#decline(String)}
 * settle any held order at once, whatever its behaviour.
 *
 * <p>An order whose take was acknowledged before a reconnect or restart is finished by the
 * behaviour's {@linkplain #resumed() decision alone}: no second drop or crash.
 */
public final class Behaviour {

    /** What the device does right after the server acknowledges a take. */
    enum Interruption {
        NONE, DROP_CONNECTION, CRASH
    }

    private static final Behaviour APPROVE =
            new Behaviour("approve()", true, Interruption.NONE, Outcome.Result.APPROVED, Duration.ZERO);
    private static final Behaviour DECLINE =
            new Behaviour("decline()", true, Interruption.NONE, Outcome.Result.DECLINED, Duration.ZERO);
    private static final Behaviour IGNORE = new Behaviour("ignore()", false, Interruption.NONE, null, Duration.ZERO);
    private static final Behaviour MANUAL = new Behaviour("manual()", false, Interruption.NONE, null, Duration.ZERO);
    private static final Behaviour NEVER_ANSWER =
            new Behaviour("neverAnswer()", true, Interruption.NONE, null, Duration.ZERO);
    private static final Behaviour DISCONNECT_AFTER_TAKING = new Behaviour("disconnectAfterTaking()", true,
            Interruption.DROP_CONNECTION, Outcome.Result.APPROVED, Duration.ZERO);
    private static final Behaviour CRASH_AFTER_TAKING =
            new Behaviour("crashAfterTaking()", true, Interruption.CRASH, Outcome.Result.APPROVED, Duration.ZERO);

    private final String name;
    private final boolean takes;
    private final Interruption interruption;
    private final Outcome.Result decision;
    private final Duration think;

    private Behaviour(String name, boolean takes, Interruption interruption, Outcome.Result decision, Duration think) {
        this.name = name;
        this.takes = takes;
        this.interruption = interruption;
        this.decision = decision;
        this.think = think;
    }

    /** Takes the order and approves it as soon as the take is acknowledged. The agent's default. */
    public static Behaviour approve() {
        return APPROVE;
    }

    /** Takes the order and declines it as soon as the take is acknowledged. */
    public static Behaviour decline() {
        return DECLINE;
    }

    /** Takes the order and approves it {@code think} after the take is acknowledged. */
    public static Behaviour approveAfter(Duration think) {
        return new Behaviour("approveAfter(" + think + ")", true, Interruption.NONE, Outcome.Result.APPROVED,
                nonNegative(think));
    }

    /** Takes the order and declines it {@code think} after the take is acknowledged. */
    public static Behaviour declineAfter(Duration think) {
        return new Behaviour("declineAfter(" + think + ")", true, Interruption.NONE, Outcome.Result.DECLINED,
                nonNegative(think));
    }

    /** Stores and acknowledges the order and never starts it: it stays pending, for rollback and expiry tests. */
    public static Behaviour ignore() {
        return IGNORE;
    }

    /** Takes the order, gets the take acknowledged, and never reports an outcome. */
    public static Behaviour neverAnswer() {
        return NEVER_ANSWER;
    }

    /**
     * Takes the order, gets the take acknowledged, then drops the TCP connection as
     * {@link TerminalAgent#dropConnection()} does; reports an approval right after the next
     * {@code welcome}.
     */
    public static Behaviour disconnectAfterTaking() {
        return DISCONNECT_AFTER_TAKING;
    }

    /**
     * Takes the order, gets the take acknowledged, stores that it is charging, then dies as
     * {@link TerminalAgent#crash()} does. The store keeps the order; an agent started again over
     * the same store finishes it by its own behaviour's decision (approval by default).
     */
    public static Behaviour crashAfterTaking() {
        return CRASH_AFTER_TAKING;
    }

    /**
     * Holds every order untouched until {@link TerminalAgent#approve(String)} or
     * {@link TerminalAgent#decline(String)} is called for it, as a person at the terminal would.
     */
    public static Behaviour manual() {
        return MANUAL;
    }

    /** Whether the cashier starts the order by itself. */
    boolean takes() {
        return takes;
    }

    Interruption interruption() {
        return interruption;
    }

    /** The outcome the cashier reports by itself; null when it reports none. */
    Outcome.Result decision() {
        return decision;
    }

    Duration think() {
        return think;
    }

    /** This behaviour for an order whose take was acknowledged before a reconnect or restart: the decision alone. */
    Behaviour resumed() {
        return interruption == Interruption.NONE
                ? this
                : new Behaviour(name + " resumed", takes, Interruption.NONE, decision, think);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Behaviour that
                && takes == that.takes
                && interruption == that.interruption
                && decision == that.decision
                && think.equals(that.think)
                && name.equals(that.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, takes, interruption, decision, think);
    }

    /** The factory call that made it, e.g. {@code approveAfter(PT1.5S)}. */
    @Override
    public String toString() {
        return name;
    }

    private static Duration nonNegative(Duration think) {
        Objects.requireNonNull(think, "think");
        if (think.isNegative()) {
            throw new IllegalArgumentException("think must not be negative: " + think);
        }
        return think;
    }
}
