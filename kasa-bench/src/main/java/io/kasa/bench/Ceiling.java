package io.kasa.bench;

/**
 * A ceiling measured in the same run, to read a figure against: the latency of the cheapest
 * comparable operation and the rate it achieved. A figure divided by its ceiling says how many
 * times that operation's cost the figure is.
 *
 * @param name    what was measured
 * @param latency its latency, per operation
 * @param rate    the operations per second it achieved
 * @param errors  how many of its operations failed
 */
record Ceiling(String name, Figure latency, double rate, long errors) {
}
