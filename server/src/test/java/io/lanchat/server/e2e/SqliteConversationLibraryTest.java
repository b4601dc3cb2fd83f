package io.lanchat.server.e2e;

import java.nio.file.Files;

/** The conversation library over a real SQLite file. */
class SqliteConversationLibraryTest extends ConversationLibraryTest {
    @Override
    String[] storeArgs() throws Exception {
        return new String[] {"--database", "sqlite", "--data-dir", Files.createTempDirectory("lanchat-data").toString()};
    }

    @Override
    String kind() {
        return "sqlite";
    }
}
