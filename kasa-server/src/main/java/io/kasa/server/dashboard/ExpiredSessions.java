package io.kasa.server.dashboard;

import io.kasa.server.shared.DatabaseOutage;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.stereotype.Component;

/**
 * Deletes expired dashboard sessions from PostgreSQL on every node. Spring Session's own
 * cleanup is turned off ({@code spring.session.jdbc.cleanup-cron: "-"}) because it would log
 * each round that finds the database down as an unexpected error; here such a round is
 * skipped quietly, like every other background round, and the next one tries again.
 */
@Component
class ExpiredSessions {

    private final JdbcIndexedSessionRepository sessions;
    private final DatabaseOutage outage;

    ExpiredSessions(JdbcIndexedSessionRepository sessions, DatabaseOutage outage) {
        this.sessions = sessions;
        this.outage = outage;
    }

    @Scheduled(fixedDelayString = "${kasa.dashboard.session-cleanup-interval:60s}")
    void delete() {
        outage.tolerate("deleting expired dashboard sessions", sessions::cleanUpExpiredSessions);
    }
}
