package io.lanchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs the runnable jar as a user would, when {@code mvn package} has built it; skipped otherwise, since
 * {@code mvn test} runs before {@code package}.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
final class ShadedJarTest {
    private static final Path JAR = Path.of("target", "lanchat-client.jar");

    @Test
    void theJarAnswersAPromptOnStdoutAndExitsZero() throws Exception {
        assumeTrue(Files.isRegularFile(JAR), "no " + JAR.toAbsolutePath() + "; run mvn package first");
        try (LiveServer live = LiveServer.start()) {
            ProcessBuilder builder = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", JAR.toString(), "--prompt", "from the jar");
            builder.environment().put("LANCHAT_URL", live.url());   // as a deployment script would set it
            builder.environment().put(ClientOptions.OWNER_KEY_FILE_ENV, InteractiveHarness.tempKeyFile().toString());
            Process client = builder.start();
            client.getOutputStream().close();

            String out = new String(client.getInputStream().readAllBytes(), Charset.defaultCharset());
            String err = new String(client.getErrorStream().readAllBytes(), Charset.defaultCharset());

            assertThat(client.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(out).isEqualTo("You said: from the jar (turn 1)" + System.lineSeparator());
            assertThat(err).isEmpty();
            assertThat(client.exitValue()).isZero();
        }
    }
}
