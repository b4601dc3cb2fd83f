package io.lanchat.reliability;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs reliability scenarios against the real server in its own process: {@code --scenario soak | fuzz |
 * slow-reader | no-reader | silent-socket | all}. Prints PASS/FAIL per check with the figures, then a summary;
 * exits 1 when any check failed, 2 on bad options. Everything targets loopback, every run is bounded in time and
 * count and stops by itself.
 */
public final class ReliabilityMain {
    static final List<String> SCENARIOS = List.of("soak", "fuzz", "slow-reader", "no-reader", "silent-socket");

    private ReliabilityMain() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: ReliabilityMain --server-jar PATH | --server-cp CP [--scenario "
                    + String.join("|", SCENARIOS) + "|all] [scenario flags, see RELIABILITY.md]");
            System.exit(2);
            return;
        }
        List<Checks> results = run(options);
        System.exit(results.stream().allMatch(Checks::passed) ? 0 : 1);
    }

    /** Runs the chosen scenario(s) and prints the summary. */
    static List<Checks> run(Options options) throws Exception {
        List<String> chosen = options.scenario().equals("all") ? SCENARIOS : List.of(options.scenario());
        List<Checks> results = new ArrayList<>();
        for (String scenario : chosen) {
            long start = System.nanoTime();
            System.out.println("== " + scenario + " (load average " + MachineLoad.loadAverage() + ")");
            Checks checks = switch (scenario) {
                case "soak" -> new Soak(options).run();
                case "fuzz" -> new Fuzz(options).run();
                case "slow-reader" -> new StuckReader(options, StuckReader.Mode.SLOW).run();
                case "no-reader" -> new StuckReader(options, StuckReader.Mode.NONE).run();
                case "silent-socket" -> new SilentSockets(options).run();
                default -> throw new IllegalArgumentException("unknown scenario " + scenario);
            };
            checks.figure("took " + Figures.seconds((System.nanoTime() - start) / 1e9));
            results.add(checks);
        }
        System.out.println("== summary");
        for (Checks c : results) {
            System.out.println((c.passed() ? "PASS " : "FAIL ") + c.scenario() + " (" + c.all().size() + " checks, "
                    + c.failed().size() + " failed)");
            c.failed().forEach(f -> System.out.println("     " + f));
        }
        return results;
    }
}
