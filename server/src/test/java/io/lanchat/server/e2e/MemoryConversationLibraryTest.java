package io.lanchat.server.e2e;

/** The conversation library in memory-only mode ({@code --database none}). */
class MemoryConversationLibraryTest extends ConversationLibraryTest {
    @Override
    String[] storeArgs() {
        return new String[] {"--database", "none"};
    }

    @Override
    String kind() {
        return "none";
    }
}
