package io.lanchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ConversationDeleted;
import io.lanchat.protocol.DeleteConversationRequest;
import io.lanchat.protocol.HistoryCleared;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.ServerMessage;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real server's frames after a connection deletes the conversation it carries, as the protocol README says
 * them ({@code delete}: "Answered by deleted. When it was the conversation this connection carries, a cleared
 * follows"; {@code cleared.id}: "the id of the reset (or of the delete)"). The client copes either way (see
 * {@link ConversationAnswers#cleared}); this pins what the server sends.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
final class ServerDeleteFramesTest {

    @Test
    void deletingTheOpenConversationIsAnsweredByDeletedThenClearedWithTheDeletesId() throws Exception {
        BlockingQueue<ConnectionEvent> events = new LinkedBlockingQueue<>();
        try (LiveServer live = LiveServer.start("--database", "none");
             ChatConnection raw = new ChatConnection(URI.create(live.url()),
                     new Backoff(Duration.ofMillis(100), Duration.ofMillis(100), 1), events::add)) {
            raw.open();
            String conversation = ((ConnectionEvent.Connected) next(events, e -> e instanceof ConnectionEvent.Connected))
                    .hello().sessionId();
            raw.send(new ChatRequest("c1", "something to delete", null, null));
            frame(events, f -> f instanceof ReplyDone);

            raw.send(new DeleteConversationRequest("d2", conversation));
            List<ServerMessage> answers = new ArrayList<>();
            answers.add(frame(events, f -> f instanceof ConversationDeleted || f instanceof HistoryCleared));
            answers.add(frame(events, f -> f instanceof ConversationDeleted || f instanceof HistoryCleared));

            assertThat(answers.get(0)).isInstanceOf(ConversationDeleted.class);
            assertThat(answers.get(1)).isInstanceOfSatisfying(HistoryCleared.class,
                    cleared -> assertThat(cleared.id()).isEqualTo("d2"));
        }
    }

    private static ServerMessage frame(BlockingQueue<ConnectionEvent> events, Predicate<ServerMessage> wanted)
            throws InterruptedException {
        return ((ConnectionEvent.Received) next(events,
                e -> e instanceof ConnectionEvent.Received r && wanted.test(r.frame()))).frame();
    }

    private static ConnectionEvent next(BlockingQueue<ConnectionEvent> events, Predicate<ConnectionEvent> wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + LiveServer.WAIT.toNanos();
        while (true) {
            ConnectionEvent event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("timed out waiting for an event");
            }
            if (wanted.test(event)) {
                return event;
            }
        }
    }
}
