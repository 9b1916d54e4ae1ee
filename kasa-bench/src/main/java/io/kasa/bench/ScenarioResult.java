package io.kasa.bench;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one scenario measured, as the report shows it.
 *
 * @param name       the scenario
 * @param summary    its settings in one line
 * @param settings   its settings, by name
 * @param figures    its latency figures
 * @param throughput the rate it achieved; null when it is not a rate scenario
 * @param errors     its failures; null when it sent no sales
 * @param resources  what the server (and this machine) spent over its measured window; null if not measured
 * @param costs      what each sale cost the server and the database over the measured window; null when it
 *                   completed no measured sales
 * @param endpoint   the cheapest authenticated call at the same rate and duration; null if not measured
 * @param findings   the scenario's own results (heap per connection, highest rate held...), by name
 * @param notes      what a reader must know to trust the figures: limits hit, failures, what was not measured
 * @param started    the start of its measured window, to find its samples in the flight recording
 * @param ended      the end of that window
 * @param profile    the server's hottest methods in that window; null when there is no recording
 */
record ScenarioResult(String name, String summary, Map<String, Object> settings, List<Figure> figures,
                      Throughput throughput, Errors.Counts errors, Resources resources, SaleCosts costs, Ceiling endpoint,
                      Map<String, Object> findings, List<String> notes, Instant started, Instant ended,
                      HotMethods profile) {

    ScenarioResult withProfile(HotMethods profile) {
        return new ScenarioResult(name, summary, settings, figures, throughput, errors, resources, costs, endpoint, findings,
                notes, started, ended, profile);
    }

    /** A scenario that could not run to its end: what it had, and why it stopped. */
    static ScenarioResult failed(String name, Instant started, Throwable failure) {
        return new ScenarioResult(name, "did not complete", Map.of(), List.of(), null, null, null, null, null, Map.of(),
                List.of("failed: " + failure), started, Instant.now(), null);
    }
}
