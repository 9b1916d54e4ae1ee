package io.kasa.server.database;

import io.kasa.server.database.DataDirectoryLock.DataDirectoryInUse;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A second server started on a live data directory says so in one line naming the process
 * that holds it, instead of a stack trace; it exits non-zero without having touched the
 * running server or its PostgreSQL.
 */
class DataDirectoryInUseAnalyzer extends AbstractFailureAnalyzer<DataDirectoryInUse> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DataDirectoryInUse cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Stop process " + cause.holderPid() + " first, or give this server a data directory of its own "
                        + "(KASA_DATA_DIR).", cause);
    }
}
