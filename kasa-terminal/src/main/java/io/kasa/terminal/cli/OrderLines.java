package io.kasa.terminal.cli;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;

import io.kasa.terminal.DeviceOrder;
import io.kasa.terminal.Outcome;

/** How the command line shows orders: one short line per step, and the numbered pending list. */
final class OrderLines {

    /** Products named in a summary before the rest are only counted. */
    static final int PRODUCTS_SHOWN = 2;
    /** Display codes are at most 25 characters (api.md); the list pads to the longest shown. */
    static final int DISPLAY_CODE_WIDTH = 25;

    private OrderLines() {
    }

    /**
     * One line for an order reaching a step, e.g.
     * {@code 2026-11-24T10:15:30.123Z ORDER 1eb856a8-1d41-49ab-8994-ecee2880d62c 22.00 TRY Kişisel Bakım: Saç Tıraşı x1}.
     * The order is named by the {@code PaymentRequestId} the merchant's API call answered, so a
     * line can be matched with the sale it shows; a cancel order carries the id of the sale it
     * voids and says {@code cancel}.
     */
    static String step(Instant at, DeviceOrder order) {
        String id = order.kind() == DeviceOrder.Kind.CANCEL && order.progress() != DeviceOrder.Progress.RECEIVED
                ? order.paymentRequestId() + " cancel"
                : order.paymentRequestId();
        String what = switch (order.progress()) {
            case RECEIVED -> "ORDER " + id + " " + summary(order);
            case TAKEN -> "TAKEN " + id;
            case CHARGING -> "CHARGING " + id;
            case REPORTED -> outcome(id, order.outcome());
            case SETTLED -> "SETTLED " + id;
            case WITHDRAWN -> "WITHDRAWN " + id;
        };
        return at.truncatedTo(ChronoUnit.MILLIS) + " " + what;
    }

    /** The pending orders numbered from 1, as the cashier picks them with {@code a <n>} and {@code d <n>}. */
    static String listing(List<DeviceOrder> pending) {
        if (pending.isEmpty()) {
            return "No pending orders.\n";
        }
        int width = Math.min(DISPLAY_CODE_WIDTH,
                pending.stream().mapToInt(order -> displayCode(order).length()).max().orElse(1));
        StringBuilder text = new StringBuilder("Pending orders:\n");
        for (int i = 0; i < pending.size(); i++) {
            DeviceOrder order = pending.get(i);
            text.append(String.format("%3d  %-" + width + "s  %s%s%n", i + 1, displayCode(order), amount(order),
                    details(order)));
        }
        return text.toString();
    }

    /** {@code Kişisel Bakım 22.00 TRY}: enough for the cashier to see which order was meant. */
    static String label(DeviceOrder order) {
        return displayCode(order) + " " + amount(order);
    }

    private static String summary(DeviceOrder order) {
        String kind = order.kind() == DeviceOrder.Kind.CANCEL ? "cancel " : "";
        String products = products(order);
        String code = order.displayCode() == null ? "" : " " + order.displayCode();
        return kind + amount(order) + code + (products.isEmpty() ? "" : ": " + products);
    }

    private static String details(DeviceOrder order) {
        StringBuilder details = new StringBuilder();
        if (order.kind() == DeviceOrder.Kind.CANCEL) {
            details.append("  cancel");
        }
        String products = products(order);
        if (!products.isEmpty()) {
            details.append("  ").append(products);
        }
        String state = switch (order.progress()) {
            case TAKEN -> "taking";
            case CHARGING -> "charging";
            case REPORTED -> order.outcome().result().wire() + ", telling the server";
            default -> "";
        };
        if (!state.isEmpty()) {
            details.append("  (").append(state).append(')');
        }
        return details.toString();
    }

    private static String products(DeviceOrder order) {
        List<DeviceOrder.Product> products = order.products();
        String named = products.stream().limit(PRODUCTS_SHOWN)
                .map(product -> product.name() + " x" + product.quantity())
                .collect(Collectors.joining(", "));
        int more = products.size() - PRODUCTS_SHOWN;
        return more > 0 ? named + " +" + more + " more" : named;
    }

    private static String outcome(String id, Outcome outcome) {
        StringBuilder line = new StringBuilder(outcome.result().name()).append(' ').append(id);
        if (outcome.card() != null) {
            line.append(' ').append(outcome.card().maskedPan());
            if (outcome.card().authCode() != null) {
                line.append(" auth ").append(outcome.card().authCode());
            }
        }
        if (outcome.message() != null) {
            line.append(' ').append(outcome.message());
        }
        return line.toString();
    }

    private static String amount(DeviceOrder order) {
        return order.amount().toPlainString() + " " + order.currency();
    }

    private static String displayCode(DeviceOrder order) {
        return order.displayCode() == null || order.displayCode().isBlank() ? "-" : order.displayCode();
    }
}
