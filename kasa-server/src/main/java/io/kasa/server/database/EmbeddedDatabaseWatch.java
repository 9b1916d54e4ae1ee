package io.kasa.server.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;

import java.time.Duration;

/**
 * Notices an embedded PostgreSQL that is gone for good. Nothing restarts the embedded
 * database while the server runs, so once its postmaster has not been running for
 * {@code embeddedLostAfter} the node reports itself broken (liveness and readiness DOWN)
 * and an orchestrator restarts it; the restart reclaims the data directory and starts
 * PostgreSQL afresh. The wait leaves an operator time to start it again by hand; if it runs
 * again, the node reports itself live and ready again.
 *
 * <p>With an external database this does nothing: an outage of that database is reported
 * by readiness alone, since restarting the node would not bring it back.
 */
final class EmbeddedDatabaseWatch {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseWatch.class);

    private final EmbeddedDatabase embedded;
    private final long lostAfterNanos;
    private final ApplicationEventPublisher events;
    private long goneSince;
    private boolean gone;
    private boolean broken;

    /** {@code embedded}: null with an external database. */
    EmbeddedDatabaseWatch(EmbeddedDatabase embedded, Duration lostAfter, ApplicationEventPublisher events) {
        this.embedded = embedded;
        this.lostAfterNanos = lostAfter.toNanos();
        this.events = events;
    }

    @Scheduled(fixedDelay = 1000)
    void check() {
        if (embedded == null || embedded.stopping()) {
            return;
        }
        boolean running = embedded.postmaster().isPresent();
        long now = System.nanoTime();
        if (running) {
            if (broken) {
                log.info("The embedded PostgreSQL runs again; this node is live and ready again");
                AvailabilityChangeEvent.publish(events, this, LivenessState.CORRECT);
                AvailabilityChangeEvent.publish(events, this, ReadinessState.ACCEPTING_TRAFFIC);
            }
            gone = false;
            broken = false;
            return;
        }
        if (!gone) {
            gone = true;
            goneSince = now;
            log.warn("The embedded PostgreSQL is not running; this node reports itself broken if it does not run again within {} s",
                    Duration.ofNanos(lostAfterNanos).toSeconds());
        }
        if (!broken && now - goneSince >= lostAfterNanos) {
            broken = true;
            log.error("The embedded PostgreSQL is gone; this node reports itself broken (liveness DOWN) so that it is restarted");
            AvailabilityChangeEvent.publish(events, this, LivenessState.BROKEN);
            AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
        }
    }
}
