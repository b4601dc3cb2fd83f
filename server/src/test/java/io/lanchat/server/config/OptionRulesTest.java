package io.lanchat.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class OptionRulesTest {
    private final OptionRules defaults = OptionRules.defaults();

    @Test
    void samplingOptionsWithinTheirRangesPass() {
        assertThat(defaults.violation(Map.of("temperature", 0.7, "top_p", 1, "top_k", 40, "seed", 42,
                "num_predict", 512, "stop", List.of("</answer>")))).isNull();
        assertThat(defaults.violation(null)).isNull();
        assertThat(defaults.violation(Map.of())).isNull();
    }

    @Test
    void optionsThatReloadTheModelForEveryoneAreRefusedByDefault() {
        assertThat(defaults.violation(Map.of("num_ctx", 131072))).contains("num_ctx is not allowed")
                .contains("--option-ranges");
        assertThat(defaults.violation(Map.of("num_gpu", 0))).contains("num_gpu is not allowed");
    }

    @Test
    void anEndlessReplyIsRefused() {
        assertThat(defaults.violation(Map.of("num_predict", -1))).contains("num_predict is -1")
                .contains("from 1 to 8192");
    }

    @Test
    void outOfRangeValuesAreRefusedNamingTheRangeNotClamped() {
        assertThat(defaults.violation(Map.of("temperature", 2.5)))
                .isEqualTo("Option temperature is 2.5; this server allows from 0 to 2.");
    }

    @Test
    void wholeNumberOptionsRefuseFractions() {
        assertThat(defaults.violation(Map.of("top_k", 4.5))).contains("must be a whole number");
        assertThat(defaults.violation(Map.of("top_k", 4.0))).isNull();
    }

    @Test
    void nonNumbersAreRefused() {
        assertThat(defaults.violation(Map.of("temperature", "hot"))).contains("must be a number");
        assertThat(defaults.violation(Map.of("temperature", true))).contains("must be a number");
    }

    @Test
    void nullValuesAreRefusedWithAHint() {
        Map<String, Object> options = new HashMap<>();
        options.put("temperature", null);
        assertThat(defaults.violation(options)).contains("leave an option out");
    }

    @Test
    void stopMustBeAShortListOfStrings() {
        assertThat(defaults.violation(Map.of("stop", "x"))).contains("list");
        assertThat(defaults.violation(Map.of("stop", List.of(1)))).contains("list");
        assertThat(defaults.violation(Map.of("stop", List.of("")))).contains("non-empty");
        assertThat(defaults.violation(Map.of("stop", java.util.Collections.nCopies(17, "x")))).contains("16");
    }

    @Test
    void theAdministratorCanWidenARangeAndAllowAnotherOption() {
        OptionRules rules = OptionRules.parse(List.of("num_ctx=2048..16384", "temperature=0..1.5"));
        assertThat(rules.violation(Map.of("num_ctx", 8192))).isNull();
        assertThat(rules.violation(Map.of("num_ctx", 1024))).contains("from 2048 to 16384");
        assertThat(rules.violation(Map.of("num_ctx", 4096.5))).contains("whole number");
        assertThat(rules.violation(Map.of("temperature", 1.6))).contains("from 0 to 1.5");
    }

    @Test
    void badOverridesStopTheServerWithAClearMessage() {
        assertThatThrownBy(() -> OptionRules.parse(List.of("num_ctx"))).hasMessageContaining("look like");
        assertThatThrownBy(() -> OptionRules.parse(List.of("num_ctx=a..b"))).hasMessageContaining("numbers");
        assertThatThrownBy(() -> OptionRules.parse(List.of("num_ctx=9..1"))).hasMessageContaining("must not exceed");
        assertThatThrownBy(() -> OptionRules.parse(List.of("Num Ctx=1..2"))).hasMessageContaining("option name");
    }
}
