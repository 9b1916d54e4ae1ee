package io.kasa.terminal.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

import io.kasa.terminal.DeviceOrder;
import io.kasa.terminal.TerminalAgent;

/**
 * The interactive terminal: a person approves or declines each pending order. The list is shown
 * when the till opens, whenever an order arrives, after each answer, whenever an order leaves
 * it (settled or withdrawn) and on {@code l}; {@code a <n>} and
 * {@code d <n>} refer to the list shown last, so an order arriving meanwhile cannot shift the
 * numbers under the person's fingers.
 */
final class Till implements Runnable {

    private final TerminalAgent agent;
    private final BufferedReader in;
    private final PrintStream out;
    /** The list shown last; guarded by {@code out}, which also keeps a listing in one piece. */
    private List<DeviceOrder> shown = List.of();

    Till(TerminalAgent agent, BufferedReader in, PrintStream out) {
        this.agent = agent;
        this.in = in;
        this.out = out;
    }

    /** Reads commands until {@code q} (which stops the agent) or the end of the input. */
    @Override
    public void run() {
        list();
        try {
            String line;
            while ((line = in.readLine()) != null) {
                if (!handle(TillCommand.parse(line))) {
                    return;
                }
            }
            say("Input closed: orders stay pending until the agent stops (Ctrl-C).");
        } catch (IOException e) {
            say("Cannot read commands: " + TerminalCommand.describe(e));
        }
    }

    /** Shows the pending orders and makes them the list that numbers refer to. Any thread. */
    void list() {
        synchronized (out) {
            shown = agent.pendingOrders();
            out.print(OrderLines.listing(shown));
            if (!shown.isEmpty()) {
                out.println(TillCommand.HINT);
            }
            out.flush();
        }
    }

    /** A new order arrived: shows the list again. Called on the agent's executor. */
    void arrived(DeviceOrder order) {
        list();
    }

    /** An order moved on: once it has left the pending list, shows what is still pending. Any thread. */
    void progressed(DeviceOrder order) {
        if (order.progress() == DeviceOrder.Progress.SETTLED || order.progress() == DeviceOrder.Progress.WITHDRAWN) {
            list();
        }
    }

    /** @return false when the till should close */
    boolean handle(TillCommand command) {
        switch (command) {
            case TillCommand.Approve approve -> act(approve.number(), true);
            case TillCommand.Decline decline -> act(decline.number(), false);
            case TillCommand.List ignored -> list();
            case TillCommand.Help ignored -> say(TillCommand.HINT);
            case TillCommand.Invalid invalid -> say("Sorry: " + invalid.problem() + ". " + TillCommand.HINT);
            case TillCommand.Quit ignored -> {
                say("Stopping.");
                agent.stop();
                return false;
            }
        }
        return true;
    }

    private void act(int number, boolean approve) {
        DeviceOrder order;
        synchronized (out) {
            order = number <= shown.size() ? shown.get(number - 1) : null;
        }
        if (order == null) {
            say("There is no order " + number + " in the last list; type l to list again.");
            return;
        }
        // Not under the lock: the agent's executor may be waiting for it to show an arrival.
        try {
            if (approve) {
                agent.approve(order.orderId());
            } else {
                agent.decline(order.orderId());
            }
            say((approve ? "Approving " : "Declining ") + OrderLines.label(order) + ".");
            list();
        } catch (IllegalArgumentException gone) {
            say("Order " + number + " (" + OrderLines.label(order) + ") is no longer pending.");
        } catch (IllegalStateException refused) {
            say("Order " + number + " (" + OrderLines.label(order) + "): " + refused.getMessage() + ".");
        }
    }

    private void say(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
