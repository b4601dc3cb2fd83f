package io.lanchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Bad command lines exit 1 with a message and never try to connect; --help prints the usage. */
final class UsageTest {

    static Stream<Arguments> badCommandLines() {
        return Stream.of(
                Arguments.of(new String[] {"--loud"}, "unknown option '--loud'"),
                Arguments.of(new String[] {"--url"}, "--url needs a value"),
                Arguments.of(new String[] {"--url", "ftp://host/ws"}, "--url must look like ws://HOST:PORT/ws"),
                Arguments.of(new String[] {"--model", "two words"}, "bad model name 'two words'"),
                Arguments.of(new String[] {"--prompt", "  "}, "--prompt must not be blank"),
                Arguments.of(new String[] {"--connect-attempts", "0"}, "--connect-attempts must be"));
    }

    @ParameterizedTest
    @MethodSource("badCommandLines")
    void badCommandLineExitsOne(String[] args, String message) {
        ClientRun run = ClientRun.of("", args);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("lanchat-client: ").contains(message).contains("--help");
    }

    @Test
    void helpPrintsOptionsCommandsAndExitCodes() {
        ClientRun run = ClientRun.of("", "--help");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("--url URL", "LANCHAT_URL", "ws://localhost:8080/ws", "--model NAME",
                "--prompt TEXT", "/retry", "Ctrl-C");
        for (ExitCode code : ExitCode.values()) {
            assertThat(run.out()).contains(code.code() + "  " + code.meaning());
        }
    }
}
