package io.kasa.bench;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One statement's cumulative counters in {@code pg_stat_statements}, read at one moment: the
 * entry's calls, execution time, rows, shared buffers and WAL. Two readings a window apart give
 * what the statement cost in the window ({@link #minus}); divided by the window's sales, what it
 * cost a sale ({@link #perSale}).
 *
 * <p>An entry is one normalised statement ({@code queryid}) run at the top level (sent by a
 * client) or nested (run inside another: for Kasa, the foreign-key checks); the two are kept
 * apart, since PostgreSQL counts them apart.
 *
 * @param queryId       {@code pg_stat_statements.queryid}
 * @param topLevel      whether a client sent it, rather than a statement running it inside
 * @param query         its normalised text, whitespace collapsed
 * @param calls         how often it ran
 * @param planMs        the time spent planning it, ms (0 unless {@code pg_stat_statements.track_planning})
 * @param execMs        the time spent executing it (planning not included), ms
 * @param rows          the rows it returned or changed
 * @param blocksHit     shared buffer hits
 * @param blocksRead    shared blocks read from outside the buffer cache
 * @param blocksDirtied shared blocks it dirtied (first change to a clean page)
 * @param blocksWritten shared blocks it had to write out itself
 * @param walBytes      WAL it generated, bytes
 */
record StatementCounters(long queryId, boolean topLevel, String query, long calls, double planMs, double execMs, long rows,
                         long blocksHit, long blocksRead, long blocksDirtied, long blocksWritten, long walBytes) {

    /** How many of a window's costliest statements a report keeps. */
    static final int KEPT = 12;

    /** How much of a statement's text a report keeps. */
    static final int QUERY_LENGTH = 240;

    /** The key an entry is found by in a later reading. */
    record Key(long queryId, boolean topLevel) {
    }

    Key key() {
        return new Key(queryId, topLevel);
    }

    /**
     * This reading less an earlier one of the same statement ({@code null}: the statement was not
     * there yet, so everything counted is the window's).
     */
    StatementCounters minus(StatementCounters earlier) {
        if (earlier == null) {
            return this;
        }
        return new StatementCounters(queryId, topLevel, query, calls - earlier.calls, planMs - earlier.planMs,
                execMs - earlier.execMs,
                rows - earlier.rows, blocksHit - earlier.blocksHit, blocksRead - earlier.blocksRead,
                blocksDirtied - earlier.blocksDirtied, blocksWritten - earlier.blocksWritten, walBytes - earlier.walBytes);
    }

    /** The same entry added to another of the same key (the same statement run by another role). */
    StatementCounters plus(StatementCounters other) {
        return new StatementCounters(queryId, topLevel, query, calls + other.calls, planMs + other.planMs,
                execMs + other.execMs,
                rows + other.rows, blocksHit + other.blocksHit, blocksRead + other.blocksRead,
                blocksDirtied + other.blocksDirtied, blocksWritten + other.blocksWritten, walBytes + other.walBytes);
    }

    /** What this (a window's difference) cost per sale. */
    StatementCost perSale(long sales) {
        double n = sales;
        return new StatementCost(shortened(query), topLevel, calls / n, planMs / n, execMs / n, rows / n, blocksHit / n,
                blocksRead / n, blocksDirtied / n, blocksWritten / n, walBytes / n);
    }

    /** Entries read at one moment, by key; entries of the same key are added together. */
    static Map<Key, StatementCounters> byKey(Collection<StatementCounters> entries) {
        Map<Key, StatementCounters> byKey = new HashMap<>();
        entries.forEach(entry -> byKey.merge(entry.key(), entry, StatementCounters::plus));
        return byKey;
    }

    /**
     * The statements that took the most time, planning and executing, between two readings, costliest first,
     * at most {@link #KEPT}, per sale; none when either reading is unknown or no sale completed.
     */
    static List<StatementCost> costliest(Map<Key, StatementCounters> before, Map<Key, StatementCounters> after,
                                         long sales) {
        if (before == null || after == null || sales <= 0) {
            return List.of();
        }
        return after.values().stream()
                .map(entry -> entry.minus(before.get(entry.key())))
                .filter(difference -> difference.calls > 0)
                .sorted(Comparator.comparingDouble((StatementCounters entry) -> entry.planMs + entry.execMs).reversed())
                .limit(KEPT)
                .map(difference -> difference.perSale(sales))
                .toList();
    }

    /** The text with its whitespace collapsed, cut to {@link #QUERY_LENGTH} characters. */
    static String shortened(String query) {
        String collapsed = query == null ? "?" : query.strip().replaceAll("\\s+", " ");
        return collapsed.length() <= QUERY_LENGTH ? collapsed : collapsed.substring(0, QUERY_LENGTH - 1) + "…";
    }
}
