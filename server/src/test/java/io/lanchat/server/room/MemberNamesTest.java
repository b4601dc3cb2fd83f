package io.lanchat.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MemberNamesTest {
    @Test
    void aNameIsTrimmed() {
        assertThat(MemberNames.check("  Ana ")).isEqualTo("Ana");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ana", "Zoë", "李雷", "Dr. Who: the 2nd", "a"})
    void printableNamesUpToThirtyTwoCharactersPass(String name) {
        assertThat(MemberNames.check(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "tab\there", "new\nline", "bell\u0007", "zero\u200bwidth",
            "owner", "Owner", "OWNER", "model", "Model"})
    void emptyControlFormatAndReservedNamesFail(String name) {
        assertThat(MemberNames.check(name)).isNull();
    }

    @Test
    void thirtyThreeCharactersAreTooMany() {
        assertThat(MemberNames.check("x".repeat(32))).isNotNull();
        assertThat(MemberNames.check("x".repeat(33))).isNull();
    }

    @Test
    void theProblemFitsACloseFrame() {
        assertThat(MemberNames.problem().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(123);
    }
}
