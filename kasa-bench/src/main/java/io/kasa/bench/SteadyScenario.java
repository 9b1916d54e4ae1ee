package io.kasa.bench;

import io.kasa.terminal.Behaviour;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Steady load, async ({@code async}) or sync ({@code sync}): sales at a fixed rate for a set
 * time over connected terminals that approve each order after a think time. Measures the
 * answer (for sync, minus the think time: the server's overhead), dispatch to the terminal,
 * and end to end up to the final callback; then the cheapest authenticated call at the same
 * rate and duration, as its ceiling.
 */
final class SteadyScenario implements Scenario {

    private final SaleRun.Channel channel;

    SteadyScenario(SaleRun.Channel channel) {
        this.channel = channel;
    }

    @Override
    public String name() {
        return channel == SaleRun.Channel.ASYNC ? "async" : "sync";
    }

    @Override
    public ScenarioResult run(Rig rig, BenchOptions options) throws InterruptedException {
        boolean async = channel == SaleRun.Channel.ASYNC;
        double rate = options.scenarioRate(name(), "rate", async ? 500 : 200);
        Duration duration = options.scenarioDuration(name(), "duration", Duration.ofSeconds(30));
        int terminals = options.scenarioInt(name(), "terminals", async ? 50 : 200);
        Duration think = options.scenarioDuration(name(), "think", Duration.ofMillis(async ? 50 : 100));
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("rate", rate);
        settings.put("durationSeconds", duration.toMillis() / 1000.0);
        settings.put("terminals", terminals);
        settings.put("thinkMillis", think.toMillis());
        String summary = String.format(Locale.ROOT, "%s sales at %.0f/s for %d s over %d terminals, think %d ms",
                name(), rate, duration.toSeconds(), terminals, think.toMillis());
        System.out.println("== " + summary);

        try (Shop shop = rig.shop(name(), SaleLoad.REQUEST_TIMEOUT)) {
            shop.open(terminals, Behaviour.approveAfter(think));
            SaleLoad load = new SaleLoad(rig, shop, channel, think);
            SaleLoad.WarmUp warmUp = load.warmUp(rate, rig.warmup(), rig.warmupMax());
            settings.put("warmupSeconds", warmUp.seconds());
            settings.put("warmupCompilerShare", warmUp.compilerShare());
            RateSchedule schedule = new RateSchedule(rate, duration);
            SaleLoad.Result result = load.run(name(), schedule);
            Ceiling endpoint = null;
            if (rig.ceilings()) {
                load.quiet();
                endpoint = EndpointCeiling.measure(shop.client(), schedule, rig.probe(), name() + " ceiling");
            }
            List<String> notes = new ArrayList<>();
            warmUp.note().ifPresent(notes::add);
            notes.addAll(result.costs().caveats());
            if (result.run().errors().first() != null) {
                notes.add("first error: " + result.run().errors().first());
            }
            List<Figure> figures = List.of(result.run().response().figure(), result.run().dispatch().figure(),
                    result.run().endToEnd().figure());
            Map<String, Object> findings = new LinkedHashMap<>();
            findings.put("answerStatuses", result.run().answerStatuses());
            findings.put("finalCallbacks", result.run().settledCount());
            return new ScenarioResult(name(), summary, settings, figures, result.throughput(), result.errors(),
                    result.resources(), result.costs(), endpoint, findings, notes, result.started(), result.ended(), null);
        }
    }
}
