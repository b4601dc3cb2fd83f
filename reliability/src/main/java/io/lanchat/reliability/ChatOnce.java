package io.lanchat.reliability;

import io.lanchat.protocol.Hello;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** One user's whole visit: connect, one chat, its exact reply within a bound, leave. */
final class ChatOnce {
    private ChatOnce() {
    }

    /** Returns null when the chat completed with the exact text within {@code boundMillis}, else why not. */
    static String chat(InetSocketAddress server, InetAddress source, String key, int tokens, long boundMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(boundMillis);
        try (ChatClient client = new ChatClient(server, source, (int) Math.max(1_000, boundMillis))) {
            Hello hello = client.connect();
            String text = ReplyText.request(key, tokens, 8);
            ChatClient.Reply reply = new ChatClient.Reply(key);
            client.chat(reply.id, text);
            ChatClient.Outcome o = client.await(reply, -1, deadline);
            if (o.end() != ChatClient.End.DONE) {
                return o.end() + (o.code() == null ? "" : " " + o.code()) + (o.why() == null ? "" : ": " + o.why())
                        + " (Ollama " + (hello.ollama().available() ? "up" : "down") + " at hello)";
            }
            return reply.text.toString().equals(ReplyText.text(text)) ? null : "the reply text differs";
        } catch (RawWebSocket.Refused e) {
            return "refused with HTTP " + e.status;
        } catch (IOException e) {
            return String.valueOf(e);
        }
    }
}
