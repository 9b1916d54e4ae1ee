package io.kasa.bench;

import io.kasa.terminal.Behaviour;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Async load stepped up rate by rate, each step measured on its own, until a step is not held:
 * a step is held when its answers' p99 is under the limit, nothing failed, and it achieved at
 * least {@value #ACHIEVED_SHARE} of the offered rate. Reports the highest rate held. Its
 * ceiling is the same ramp of the cheapest authenticated call.
 */
final class RampScenario implements Scenario {

    static final double ACHIEVED_SHARE = 0.95;
    static final List<Double> DEFAULT_RATES = List.of(100.0, 200.0, 400.0, 600.0, 800.0, 1000.0, 1200.0, 1500.0, 2000.0);

    /** One step of a ramp. */
    record Step(double rate, double achieved, long p99Micros, long errors, boolean held) {

        static Step judge(double rate, double achieved, long p99Micros, long errors, Duration p99Limit) {
            boolean held = p99Micros < p99Limit.toNanos() / 1000 && errors == 0 && achieved >= ACHIEVED_SHARE * rate;
            return new Step(rate, achieved, p99Micros, errors, held);
        }
    }

    /** The highest rate among the held steps before the first step that was not held; 0 when the first was not. */
    static double highestHeld(List<Step> steps) {
        double highest = 0;
        for (Step step : steps) {
            if (!step.held()) {
                break;
            }
            highest = step.rate();
        }
        return highest;
    }

    @Override
    public String name() {
        return "ramp";
    }

    @Override
    public ScenarioResult run(Rig rig, BenchOptions options) throws InterruptedException {
        List<Double> rates = options.scenarioRates(name(), "rates", DEFAULT_RATES);
        Duration step = options.scenarioDuration(name(), "step", Duration.ofSeconds(10));
        Duration limit = options.scenarioDuration(name(), "p99-limit", Duration.ofMillis(50));
        int terminals = options.scenarioInt(name(), "terminals", 50);
        Duration think = options.scenarioDuration(name(), "think", Duration.ofMillis(50));
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("rates", rates);
        settings.put("stepSeconds", step.toMillis() / 1000.0);
        settings.put("p99LimitMillis", limit.toMillis());
        settings.put("terminals", terminals);
        settings.put("thinkMillis", think.toMillis());
        String summary = String.format(Locale.ROOT, "async rates %s, %d s each, held while p99 < %d ms, over %d terminals, think %d ms",
                rates, step.toSeconds(), limit.toMillis(), terminals, think.toMillis());
        System.out.println("== ramp: " + summary);

        try (Shop shop = rig.shop(name(), SaleLoad.REQUEST_TIMEOUT)) {
            shop.open(terminals, Behaviour.approveAfter(think));
            SaleLoad load = new SaleLoad(rig, shop, SaleRun.Channel.ASYNC, think);
            SaleLoad.WarmUp warmUp = load.warmUp(rates.getFirst(), rig.warmup(), rig.warmupMax());
            settings.put("warmupSeconds", warmUp.seconds());
            settings.put("warmupCompilerShare", warmUp.compilerShare());
            Instant started = Instant.now();
            List<Step> steps = new ArrayList<>();
            List<Map<String, Object>> stepReports = new ArrayList<>();
            SaleLoad.Result lastHeld = null;
            Errors.Counts totalErrors = null;
            for (double rate : rates) {
                if (!steps.isEmpty()) {
                    load.quiet();
                }
                SaleLoad.Result result = load.run(String.format(Locale.ROOT, "ramp %.0f/s", rate), new RateSchedule(rate, step));
                Figure response = result.run().response().figure();
                Step judged = Step.judge(rate, result.throughput().achieved(), response.p99(), result.errors().total(), limit);
                steps.add(judged);
                stepReports.add(stepReport(judged, result, response));
                System.out.printf(Locale.ROOT, "[ramp] %.0f/s: achieved %.1f/s, p99 %.2f ms, errors %d -> %s%n", rate,
                        judged.achieved(), judged.p99Micros() / 1000.0, judged.errors(), judged.held() ? "held" : "not held");
                totalErrors = result.errors();
                if (!judged.held()) {
                    break;
                }
                lastHeld = result;
            }
            Instant ended = Instant.now();
            double highest = highestHeld(steps);

            Map<String, Object> findings = new LinkedHashMap<>();
            findings.put("highestRateHeld", highest);
            findings.put("steps", stepReports);
            List<String> notes = new ArrayList<>();
            warmUp.note().ifPresent(notes::add);
            if (steps.size() == rates.size() && steps.getLast().held()) {
                notes.add("every step was held: the highest rate held is at least the last rate tried; add higher --rates");
            }
            if (rig.ceilings()) {
                List<Step> endpointSteps = endpointRamp(shop, rig, load, rates, step, limit);
                double endpointHighest = highestHeld(endpointSteps);
                findings.put("endpointHighestRateHeld", endpointHighest);
                findings.put("highestRateHeldOverEndpoint", Figure.ratio(highest, endpointHighest));
                findings.put("endpointSteps", endpointSteps);
            }
            List<Figure> figures = lastHeld == null ? List.of() : List.of(
                    rename(lastHeld.run().response().figure(), "at the highest rate held: "),
                    rename(lastHeld.run().dispatch().figure(), "at the highest rate held: "),
                    rename(lastHeld.run().endToEnd().figure(), "at the highest rate held: "));
            return new ScenarioResult(name(), summary, settings, figures,
                    lastHeld == null ? null : lastHeld.throughput(), totalErrors,
                    lastHeld == null ? null : lastHeld.resources(), lastHeld == null ? null : lastHeld.costs(), null, findings, notes, started, ended, null);
        }
    }

    private static Map<String, Object> stepReport(Step step, SaleLoad.Result result, Figure response) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("rate", step.rate());
        report.put("achieved", step.achieved());
        report.put("held", step.held());
        report.put("response", response);
        report.put("dispatch", result.run().dispatch().figure());
        report.put("endToEnd", result.run().endToEnd().figure());
        report.put("errors", result.errors());
        report.put("resources", result.resources());
        report.put("costs", result.costs());
        return report;
    }

    private static List<Step> endpointRamp(Shop shop, Rig rig, SaleLoad load, List<Double> rates, Duration step,
                                           Duration limit) throws InterruptedException {
        List<Step> steps = new ArrayList<>();
        for (double rate : rates) {
            load.quiet();
            Ceiling ceiling = EndpointCeiling.measure(shop.client(), new RateSchedule(rate, step), rig.probe(),
                    String.format(Locale.ROOT, "ramp ceiling %.0f/s", rate));
            Step judged = Step.judge(rate, ceiling.rate(), ceiling.latency().p99(), ceiling.errors(), limit);
            steps.add(judged);
            if (!judged.held()) {
                break;
            }
        }
        return steps;
    }

    private static Figure rename(Figure figure, String prefix) {
        return new Figure(prefix + figure.name(), figure.count(), figure.p50(), figure.p90(), figure.p99(),
                figure.p999(), figure.max(), figure.mean());
    }
}
