package io.kasa.bench;

/**
 * What one statement cost the database per sale over a measured window, from
 * {@code pg_stat_statements} ({@link StatementCounters}).
 *
 * @param query         its normalised text, shortened
 * @param topLevel      whether a client sent it; false for a statement run inside another (a
 *                      foreign-key check)
 * @param calls         executions per sale
 * @param planMs        planning time per sale, ms (0 unless planning is tracked)
 * @param execMs        execution time per sale, ms (it includes waiting for locks and reads)
 * @param rows          rows returned or changed per sale
 * @param blocksHit     shared buffer hits per sale
 * @param blocksRead    shared blocks read from outside the buffer cache per sale
 * @param blocksDirtied shared blocks dirtied per sale
 * @param blocksWritten shared blocks written out by the statement itself per sale
 * @param walBytes      WAL generated per sale, bytes
 */
record StatementCost(String query, boolean topLevel, double calls, double planMs, double execMs, double rows, double blocksHit,
                     double blocksRead, double blocksDirtied, double blocksWritten, double walBytes) {
}
