package io.kasa.bench;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything one run measured, as written to {@code results.json}.
 *
 * @param run       the run's id, also its directory's name
 * @param startedAt when it started
 * @param commit    the git commit of the working tree it ran from; null when unknown
 * @param machine   cores, memory, operating system and JVM of this machine
 * @param target    the server measured: whether the benchmark started it, its address, its JVM
 *                  options, its database's durability settings, and its files
 * @param commitCeiling the database's one-row commit loop; null when not measured
 * @param leanCeiling the lean lifecycle on the same database, what a sale costs at the least; null when
 *                    not measured
 * @param scenarios the scenarios, in the order they ran
 */
record RunReport(String run, Instant startedAt, String commit, Map<String, Object> machine,
                 Map<String, Object> target, Ceiling commitCeiling, CostCeiling leanCeiling,
                 List<ScenarioResult> scenarios) {
}
