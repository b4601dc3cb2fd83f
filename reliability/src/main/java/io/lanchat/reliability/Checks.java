package io.lanchat.reliability;

import java.util.ArrayList;
import java.util.List;

/** The PASS/FAIL lines of one scenario, printed as they are decided, and the figures printed with them. */
final class Checks {
    /** One check: its name, whether it held, and the figures behind the verdict. */
    record Check(String scenario, String name, boolean passed, String detail) {
        @Override
        public String toString() {
            return (passed ? "PASS " : "FAIL ") + scenario + ": " + name + (detail.isEmpty() ? "" : " — " + detail);
        }
    }

    private final String scenario;
    private final List<Check> checks = new ArrayList<>();
    private final List<String> figures = new ArrayList<>();

    Checks(String scenario) {
        this.scenario = scenario;
    }

    boolean check(String name, boolean passed, String detail) {
        Check c = new Check(scenario, name, passed, detail);
        checks.add(c);
        System.out.println(c);
        return passed;
    }

    void figure(String line) {
        figures.add(line);
        System.out.println("   " + scenario + ": " + line);
    }

    String scenario() {
        return scenario;
    }

    List<Check> all() {
        return List.copyOf(checks);
    }

    List<String> figures() {
        return List.copyOf(figures);
    }

    List<Check> failed() {
        return checks.stream().filter(c -> !c.passed()).toList();
    }

    boolean passed() {
        return failed().isEmpty();
    }
}
