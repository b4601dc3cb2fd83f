package io.lanchat.bench;

/**
 * Entry point of the load generator: {@code java -jar lanchat-bench.jar --scenario NAME}. See
 * {@link BenchOptions#HELP}. Runs in its own process; starts the server as another process.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("lanchat-bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        Scenarios scenarios = new Scenarios(options);
        switch (options.scenario) {
            case "idle" -> scenarios.idle();
            case "streams" -> scenarios.streams();
            case "sweep" -> scenarios.sweep();
            case "fast" -> scenarios.fast();
            case "ttft" -> scenarios.ttft();
            case "broadcast" -> scenarios.broadcast();
            case "startup" -> scenarios.startup();
            case "store-on-off" -> scenarios.storeOnOff();
            case "library" -> scenarios.library();
            case "api-latency" -> {
                ApiLatency.Outcome outcome = scenarios.apiLatency();
                System.out.println(outcome.allOk() ? "api-latency: every chat complete on both paths"
                        : "api-latency: FAILURES (see above)");
            }
            case "rooms" -> {
                RoomsBench.Outcome outcome = scenarios.rooms();
                System.out.println(outcome.allOk() ? "rooms: every member got every token, in order"
                        : "rooms: ERRORS (see above)");
            }
            case "smoke" -> {
                Scenarios.SmokeOutcome outcome = scenarios.smoke();
                System.out.println(outcome.allOk() ? "smoke: every token arrived, in order" : "smoke: FAILED");
                System.exit(outcome.allOk() ? 0 : 1);
            }
            case "report" -> Report.main(options);
            case "help" -> System.out.print(BenchOptions.HELP);
            default -> {
                System.err.println("lanchat-bench: unknown scenario " + options.scenario + " (see --help)");
                System.exit(2);
            }
        }
        System.exit(0);
    }
}
