package io.kasa.server.payment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Payment timing. {@code receiptWait}: how long an async sale waits for the device's
 * receipt before answering. {@code syncWait}: how long a sync sale is held, never above
 * {@code maxSyncWait}. {@code orderTtl}: how long an undelivered order waits for its device
 * (a merchant may set its own). {@code outcomeDeadline}: how long after taking an order the
 * device has to report before the payment shows as Unknown. {@code rollbackGrace}: orders
 * cannot be withdrawn in their first seconds.
 */
@ConfigurationProperties("kasa.payment")
public record PaymentSettings(@DefaultValue("2s") Duration receiptWait,
                              @DefaultValue("90s") Duration syncWait,
                              @DefaultValue("120s") Duration maxSyncWait,
                              @DefaultValue("5m") Duration orderTtl,
                              @DefaultValue("5m") Duration outcomeDeadline,
                              @DefaultValue("5s") Duration rollbackGrace) {

    /** The wait a sync request gets: the configured one, shortened by the caller's X-Kasa-Wait. */
    public Duration syncWait(Duration requested) {
        Duration wait = syncWait.compareTo(maxSyncWait) > 0 ? maxSyncWait : syncWait;
        return requested == null || requested.compareTo(wait) >= 0 ? wait : requested;
    }
}
