package io.kasa.bench;

/** One of the benchmark's scenarios: sets up what it needs on the rig, measures, and tears down. */
interface Scenario {

    String name();

    /** Runs the scenario to its end; bounded in time and count by its settings. */
    ScenarioResult run(Rig rig, BenchOptions options) throws Exception;

    /** The scenario called {@code name} (one of {@link BenchOptions#SCENARIOS}). */
    static Scenario named(String name) {
        return switch (name) {
            case "async" -> new SteadyScenario(SaleRun.Channel.ASYNC);
            case "sync" -> new SteadyScenario(SaleRun.Channel.SYNC);
            case "ramp" -> new RampScenario();
            case "idle" -> new IdleScenario();
            case "held" -> new HeldScenario();
            default -> throw new IllegalArgumentException("unknown scenario: " + name);
        };
    }
}
