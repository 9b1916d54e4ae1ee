package io.kasa.server.payment;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static io.kasa.server.payment.PaymentStatus.*;

/**
 * The one table of allowed status changes of a payment order (SPEC §5.1). Anything not in
 * it is refused, so a late or repeated device report can never flip an outcome.
 *
 * <pre>
 * 1 ─write─▶ 10 ─receipt─▶ 2 ─taken─▶ 11 ─▶ 4 | 5        11 ─outcome deadline─▶ 6 ─report─▶ 4 | 5
 * 1, 7, 9 ─device connects─▶ 10      10 ─write failed─▶ 8 ─▶ 9 | 7 | 10
 * 1 ─offline, push─▶ 9 | 7           1, 7, 8, 9, 10 ─not delivered in time─▶ 3
 * 1, 2, 7, 8, 9, 10 ─rollback─▶ 12
 * </pre>
 */
public final class Lifecycle {

    private static final Map<PaymentStatus, Set<PaymentStatus>> NEXT = new EnumMap<>(PaymentStatus.class);

    static {
        allow(GENERATED, SOCKET_NOTIFICATION_SENT, PUSH_NOTIFICATION_SENT, PUSH_NOTIFICATION_FAILED,
                COULD_NOT_SEND_TO_DEVICE, WITHDRAWN);
        allow(SOCKET_NOTIFICATION_SENT, SENT_TO_DEVICE, SOCKET_NOTIFICATION_FAILED, TAKEN_BY_DEVICE,
                COULD_NOT_SEND_TO_DEVICE, WITHDRAWN);
        allow(SOCKET_NOTIFICATION_FAILED, SOCKET_NOTIFICATION_SENT, PUSH_NOTIFICATION_SENT, PUSH_NOTIFICATION_FAILED,
                COULD_NOT_SEND_TO_DEVICE, WITHDRAWN);
        allow(PUSH_NOTIFICATION_SENT, SOCKET_NOTIFICATION_SENT, COULD_NOT_SEND_TO_DEVICE, WITHDRAWN);
        allow(PUSH_NOTIFICATION_FAILED, SOCKET_NOTIFICATION_SENT, COULD_NOT_SEND_TO_DEVICE, WITHDRAWN);
        allow(SENT_TO_DEVICE, TAKEN_BY_DEVICE, WITHDRAWN);
        allow(TAKEN_BY_DEVICE, SUCCESSFUL, FAILED, UNKNOWN);
        allow(UNKNOWN, SUCCESSFUL, FAILED);
        for (PaymentStatus status : PaymentStatus.values()) {
            NEXT.putIfAbsent(status, EnumSet.noneOf(PaymentStatus.class));
        }
    }

    private Lifecycle() {
    }

    private static void allow(PaymentStatus from, PaymentStatus... to) {
        NEXT.put(from, EnumSet.of(to[0], to));
    }

    public static boolean allows(PaymentStatus from, PaymentStatus to) {
        return NEXT.get(from).contains(to);
    }

    /** The statuses an order may move to {@code to} from. */
    public static Set<PaymentStatus> from(PaymentStatus to) {
        Set<PaymentStatus> from = EnumSet.noneOf(PaymentStatus.class);
        NEXT.forEach((status, next) -> {
            if (next.contains(to)) {
                from.add(status);
            }
        });
        return from;
    }

    public static Set<PaymentStatus> next(PaymentStatus from) {
        Set<PaymentStatus> next = EnumSet.noneOf(PaymentStatus.class);
        next.addAll(NEXT.get(from));
        return next;
    }
}
