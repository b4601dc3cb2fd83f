package io.lanchat.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Keeps the README's configuration table true to the code. */
final class ReadmeConfigurationTest {

    @Test
    void everyOptionIsInTheReadmeWithItsVariableAndDefault() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));

        for (Option option : Option.values()) {
            String defaultCell = option.defaultValue().isEmpty() ? "*(none)*" : "`" + option.defaultValue() + "`";
            assertThat(readme).as(option.flag())
                    .contains("| `" + option.flag() + "` | `" + option.env() + "` | " + defaultCell + " |");
        }
    }

    @Test
    void readmeShowsTheNginxConfigurationTheProxyTestUses() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        String tested = Files.readString(Path.of("..", "docs", "nginx-lanchat.conf"));

        assertThat(readme).contains(tested);
    }
}
