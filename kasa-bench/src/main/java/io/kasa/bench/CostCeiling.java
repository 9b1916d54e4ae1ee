package io.kasa.bench;

/**
 * A ceiling for what a sale costs rather than how long it takes: the lean lifecycle, measured
 * in the same run on the same PostgreSQL, to read each scenario's {@link SaleCosts} against.
 *
 * @param name     what was measured
 * @param rate     the sales per second it was offered
 * @param costs    what each of its sales cost
 * @param failures how many of its sales failed (and were not counted)
 */
record CostCeiling(String name, double rate, SaleCosts costs, long failures) {
}
