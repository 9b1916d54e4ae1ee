package io.kasa.server.payment;

import java.util.Collections;
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
 * Generated ─write─▶ SocketSent ─receipt─▶ SentToDevice ─taken─▶ Taken ─▶ Successful | Failed
 * Taken ─outcome deadline─▶ Unknown ─report─▶ Successful | Failed
 * Generated, PushFailed, PushSent ─device connects─▶ SocketSent
 * SocketSent ─write failed─▶ SocketFailed ─▶ PushSent | PushFailed | SocketSent
 * Generated ─offline, push─▶ PushSent | PushFailed
 * not yet received ─not delivered in time─▶ CouldNotSend;  before taken ─rollback─▶ Withdrawn
 * </pre>
 *
 * <p>The groups of statuses that code and SQL speak of ({@link #FINAL}, {@link #BEFORE_TAKEN} …)
 * are derived from the table here, once, and bound into SQL as arrays; no status group is
 * written as numbers anywhere else.
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

    /** No move leaves these: the order has ended. */
    public static final Set<PaymentStatus> FINAL = unmodifiable(statuses(status -> NEXT.get(status).isEmpty()));

    /** Not ended: the device may still act on the order. */
    public static final Set<PaymentStatus> OPEN = unmodifiable(statuses(status -> !FINAL.contains(status)));

    /** The device has not taken the order, so the merchant may still withdraw it. */
    public static final Set<PaymentStatus> BEFORE_TAKEN = unmodifiable(from(WITHDRAWN));

    /** Not yet written to the device's live connection: a write marks these as socket-sent first. */
    public static final Set<PaymentStatus> UNSENT = unmodifiable(from(SOCKET_NOTIFICATION_SENT));

    /** The device has not confirmed receiving the order: it expires if it stays here too long. */
    public static final Set<PaymentStatus> NOT_RECEIVED = unmodifiable(from(COULD_NOT_SEND_TO_DEVICE));

    /** The device took the order: taken, or any status that follows taken. */
    public static final Set<PaymentStatus> TAKEN = unmodifiable(reachableFrom(TAKEN_BY_DEVICE));

    /** The outcomes a device reports: the final statuses a taken order can reach. */
    public static final Set<PaymentStatus> OUTCOMES = unmodifiable(statuses(status -> TAKEN.contains(status)
            && FINAL.contains(status)));

    /** Ended without an outcome (withdrawn or never delivered): a device that holds it must drop it. */
    public static final Set<PaymentStatus> DROPPED = unmodifiable(statuses(status -> FINAL.contains(status)
            && !OUTCOMES.contains(status)));

    private Lifecycle() {
    }

    private static Set<PaymentStatus> statuses(java.util.function.Predicate<PaymentStatus> in) {
        Set<PaymentStatus> statuses = EnumSet.noneOf(PaymentStatus.class);
        for (PaymentStatus status : PaymentStatus.values()) {
            if (in.test(status)) {
                statuses.add(status);
            }
        }
        return statuses;
    }

    private static Set<PaymentStatus> reachableFrom(PaymentStatus start) {
        Set<PaymentStatus> reached = EnumSet.of(start);
        java.util.Deque<PaymentStatus> pending = new java.util.ArrayDeque<>(reached);
        while (!pending.isEmpty()) {
            for (PaymentStatus next : NEXT.get(pending.pop())) {
                if (reached.add(next)) {
                    pending.push(next);
                }
            }
        }
        return reached;
    }

    private static Set<PaymentStatus> unmodifiable(Set<PaymentStatus> statuses) {
        return Collections.unmodifiableSet(statuses);
    }

    /** The group's wire numbers, as SQL takes it: {@code status_id = any(:group)}. */
    static Integer[] ids(Set<PaymentStatus> group) {
        return group.stream().map(PaymentStatus::id).toArray(Integer[]::new);
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
