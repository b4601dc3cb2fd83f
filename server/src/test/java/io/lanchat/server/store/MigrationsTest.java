package io.lanchat.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The runner's own rules: every script is listed, in order, and splits into statements. */
final class MigrationsTest {

    @Test
    void everyScriptOnTheClasspathIsListedInOrder() throws IOException, URISyntaxException {
        Path root = Path.of(Migrations.class.getResource("/db/migration").toURI());
        List<String> names;
        try (Stream<Path> files = Files.walk(root)) {
            names = files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).distinct().sorted()
                    .toList();
        }

        assertThat(names).containsExactlyElementsOf(Migrations.SCRIPTS);
        for (int i = 0; i < Migrations.SCRIPTS.size(); i++) {
            assertThat(Migrations.SCRIPTS.get(i)).matches("V[0-9]+__[a-z0-9_]+\\.sql");
            if (i > 0) {
                assertThat(Migrations.version(Migrations.SCRIPTS.get(i)))
                        .isGreaterThan(Migrations.version(Migrations.SCRIPTS.get(i - 1)));
            }
            for (Dialect dialect : Dialect.values()) {
                assertThat(Migrations.statements(Migrations.read(dialect, Migrations.SCRIPTS.get(i)))).isNotEmpty();
            }
        }
    }

    @Test
    void splitsAtSemicolonsThatEndALineAndDropsCommentLines() {
        String script = "-- a comment; not a statement\nCREATE TABLE a (x TEXT);\n\nCREATE INDEX i\n  ON a (x);\n";

        assertThat(Migrations.statements(script)).containsExactly("CREATE TABLE a (x TEXT)", "CREATE INDEX i\n  ON a (x)");
    }
}
