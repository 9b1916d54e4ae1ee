package io.kasa.server.callback;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Callback delivery. A try succeeds on a 2xx within {@code timeout}; failures are retried
 * after {@code initialDelay}, doubling up to {@code maxDelay}, with jitter, until
 * {@code giveUpAfter} has passed since the change, then the callback is dead. At most
 * {@code concurrency} tries run at once; a claimed callback is leased for {@code lease} so
 * that another node takes it over if this one dies mid-try. Tries that end within
 * {@code recordDelay} of each other, up to {@code recordBatch}, are recorded in one
 * transaction. {@code allowLoopback} (default:
 * on with the embedded database, for the demo) and {@code allowPrivate} open internal
 * addresses as targets.
 */
@ConfigurationProperties("kasa.callback")
public record CallbackSettings(@DefaultValue("10s") Duration timeout,
                               @DefaultValue("5s") Duration initialDelay,
                               @DefaultValue("1h") Duration maxDelay,
                               @DefaultValue("3d") Duration giveUpAfter,
                               @DefaultValue("32") int concurrency,
                               @DefaultValue("60s") Duration lease,
                               @DefaultValue("500ms") Duration poll,
                               @DefaultValue("10ms") Duration recordDelay,
                               @DefaultValue("50") int recordBatch,
                               Boolean allowLoopback,
                               @DefaultValue("false") boolean allowPrivate) {
}
