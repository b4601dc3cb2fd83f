package io.lanchat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ChatAttachmentsTest {
    @Test
    void aChatWithoutAttachmentsHasAnEmptyListAndWritesNone() throws Exception {
        ChatRequest chat = (ChatRequest) ProtocolJson.readClient("{\"type\":\"chat\",\"text\":\"hi\"}");

        assertThat(chat.attachments()).isEmpty();
        assertThat(ProtocolJson.writeClient(chat)).doesNotContain("attachments");
    }

    @Test
    void refusesTooManyDuplicateOrOverlongIds() {
        String seventeen = "[" + String.join(",", java.util.Collections.nCopies(17, "\"x\"")) + "]";

        assertThatThrownBy(() -> ProtocolJson.readClient("{\"type\":\"chat\",\"text\":\"hi\",\"attachments\":"
                + seventeen + "}")).isInstanceOf(JsonProcessingException.class).hasMessageContaining("at most 16");
        assertThatThrownBy(() -> new ChatRequest("c", "hi", null, null, null, List.of("a", "a")))
                .hasMessageContaining("same id twice");
        assertThatThrownBy(() -> new ChatRequest("c", "hi", null, null, null, List.of("x".repeat(65))))
                .hasMessageContaining("1..64");
    }

    @Test
    void historyMessagesCarryTheirImages() throws Exception {
        AttachmentInfo image = new AttachmentInfo("q1", "image", "cat.png", 64, 48, 1234);
        HistoryMessage message = new HistoryMessage("user", "what is this?", false, null, false, null, 0, null, null,
                List.of(image));

        String json = ProtocolJson.writeServerText(new Resumed(null, "s", List.of(message), null, null));

        assertThat(json).contains("\"attachments\":[{\"id\":\"q1\",\"kind\":\"image\",\"name\":\"cat.png\","
                + "\"width\":64,\"height\":48,\"bytes\":1234}]");
        assertThat(((Resumed) ProtocolJson.readServer(json)).history().get(0).attachments()).containsExactly(image);
    }
}
