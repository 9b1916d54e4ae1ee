package io.kasa.server.device;

import io.kasa.server.payment.PushGateway;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The default push gateway: it records each notification instead of sending it, for demos
 * and tests, and can be told to refuse them so that status 7 can be exercised.
 */
public class RecordingPushGateway implements PushGateway {

    public record Notification(UUID terminalId, UUID paymentRequestId) {
    }

    private final List<Notification> sent = new CopyOnWriteArrayList<>();
    private volatile boolean refusing;

    @Override
    public boolean push(UUID terminalId, UUID paymentRequestId) {
        if (refusing) {
            return false;
        }
        sent.add(new Notification(terminalId, paymentRequestId));
        return true;
    }

    public List<Notification> sent() {
        return List.copyOf(sent);
    }

    /** While refusing, every push fails as if the gateway were down. */
    public void refuse(boolean refusing) {
        this.refusing = refusing;
    }
}
