package io.lanchat.server.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ConversationOpened;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.HistoryMessage;
import io.lanchat.protocol.OpenConversationRequest;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.RetryRequest;
import io.lanchat.standin.Fault;
import io.lanchat.standin.StandInOllama;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long reply whose partial text was saved (every 5 s, for a crash) and which then fails (Ollama breaks off):
 * the user is told their message is kept for a retry, so after a restart it must still be waiting for a retry,
 * not shown as answered by an "interrupted" fragment of the failed reply.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
final class FailedReplyAfterPartialSaveTest {
    @TempDir
    Path data;

    @Test
    void aMessageWhoseReplyFailedAfterAPartialSaveIsStillRetryableAfterARestart() throws Exception {
        String key;
        String conversation;
        try (StandInOllama ollama = StandInOllama.start()) {
            ollama.setModels("llama3:8b");
            ollama.setReply(call -> List.of("first ", "second ", "third"));
            // Chunks at 0 s and 3.5 s, the error at 7 s: the partial save at 5 s falls between.
            ollama.setTokenDelay(Duration.ofMillis(3_500));
            ollama.setFault(Fault.ERROR_MID_STREAM);
            try (InProcessServer server = InProcessServer.start(ollama, "--data-dir", data.toString());
                 WsUser user = server.connect(null)) {
                key = user.ownerKey;
                conversation = user.hello.sessionId();
                user.send(new ChatRequest("c", "a question that fails"));
                ErrorMessage failed = (ErrorMessage) user.await(f -> f instanceof ErrorMessage e && "c".equals(e.id()),
                        "the failure", Duration.ofSeconds(20));
                assertThat(failed.retryable()).as("%s", failed).isTrue();
            }
            StoredRows rows = StoredRows.readSqlite(data.resolve("lanchat.db"));
            System.out.println("FailedReplyAfterPartialSaveTest: rows after the failure " + rows.messages());

            ollama.setFault(Fault.NONE);
            ollama.setTokenDelay(Duration.ZERO);
            try (InProcessServer again = InProcessServer.start(ollama, "--data-dir", data.toString());
                 WsUser user = again.connect(key)) {
                user.send(new OpenConversationRequest("o", conversation, null, null));
                ConversationOpened opened = (ConversationOpened) user.answer("o", ConversationOpened.class);
                user.send(new RetryRequest("r", null));
                Object retried = user.answer("r", ReplyDone.class);

                assertThat(opened.pending()).as("history %s", opened.history()).isEqualTo("a question that fails");
                assertThat(opened.history()).extracting(HistoryMessage::interrupted).doesNotContain(true);
                assertThat(retried).as("retry after the restart").isInstanceOf(ReplyDone.class);
            }
        }
    }
}
