package io.lanchat.server.chat;

import io.lanchat.protocol.CancelRequest;
import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ModelList;
import io.lanchat.protocol.ReplyCancelled;
import io.lanchat.protocol.RetryRequest;
import io.lanchat.protocol.ThinkMode;
import io.lanchat.server.attach.Attachment;
import io.lanchat.server.attach.MessageAttachments;
import io.lanchat.server.ollama.OllamaChatRequest;
import io.lanchat.server.ollama.OllamaMessage;
import io.lanchat.server.session.ContextWindow;
import io.lanchat.server.session.ConversationInfo;
import io.lanchat.server.session.PendingMessage;
import io.lanchat.server.session.Session;
import io.lanchat.server.session.Titles;
import io.lanchat.server.session.Turn;
import io.lanchat.protocol.HistoryMessage;
import io.lanchat.protocol.SharedMessage;
import java.util.List;
import java.util.Map;

/**
 * The chat-request side of a {@link Conversation}: chat, retry, cancel, reset, refusals and the model list. A chat's
 * message is checked, kept as the session's pending message (with the model and options it goes with) and saved
 * before its reply starts, so a failed or refused message can be sent again with {@code retry}.
 *
 * <p>Confined to the conversation's event loop: reached only through the conversation's methods.
 */
final class ChatRequests {
    private final Conversation conversation;
    private final ChatServices services;
    private final CurrentReply current;
    private final TurnRecorder recorder;
    private final ClientAttachment client;
    private final ReplyImages images;
    private final ChatAttachments attachments;
    /** A chat's message is being saved before it goes to Ollama: another chat waits for it like for a reply. */
    private boolean saving;
    /** The queue key of the room member whose message starts next; null: the owner's. */
    private String memberKey;
    /** The room member whose words the next reply answers (the model reads "NAME: text"); null: the owner's. */
    private String memberName;

    ChatRequests(Conversation conversation, ChatServices services, CurrentReply current, TurnRecorder recorder,
                 ClientAttachment client) {
        this.conversation = conversation;
        this.services = services;
        this.current = current;
        this.recorder = recorder;
        this.client = client;
        this.images = new ReplyImages(conversation, services);
        this.attachments = new ChatAttachments(conversation, services);
    }

    void chat(ChatRequest request) {
        if (refuseInvalid(request) || refuseWhileReplying(request.id())) {
            return;
        }
        memberKey = null;
        MessageAttachments.Resolved attached = attachments.resolve(request);
        if (attached == null) {
            return;
        }
        PendingMessage message = keepPending(request, attached, null);
        saveThenStart(request.id(), message);
        attachments.keep(attached.images());
    }

    /**
     * Starts a room member's message (checked, with nothing in flight): kept under the member's name, shown, and
     * queued under the member's {@code clientKey}, never the owner's.
     */
    void startMemberMessage(ChatRequest said, String speaker, String clientKey) {
        PendingMessage message = keepPending(said, new MessageAttachments.Resolved(said.text(), List.of()), speaker);
        conversation.send(new SharedMessage(said.id(), HistoryMessage.byMember(speaker, said.text())));
        conversation.flush();
        memberKey = clientKey;
        saveThenStart(said.id(), message);
    }

    /** Whether a reply is in flight or a message is being saved before its reply. */
    boolean busy() {
        return current.get() != null || saving;
    }

    /** Stops the reply in flight (there must be one) as its asker's {@code cancel} would; flushed. */
    ReplyCancelled stopForMember() {
        ReplyCancelled cancelled = stopReply();
        conversation.flush();
        return cancelled;
    }

    /** The message is stored before it goes to Ollama: a crash after this never loses what the user typed. */
    private void saveThenStart(String requestId, PendingMessage message) {
        saving = true;
        recorder.savePendingThen(requestId, () -> {
            saving = false;
            if (services.sessions().find(sessionId()).isPresent()) {    // not deleted meanwhile
                start(requestId, message);
            }
        });
    }

    /**
     * Answers a chat the server will not keep, whatever else happens to it: too long, or options outside what
     * this server allows. Checked before anything is stored, so nothing unchecked can come back with a retry.
     */
    private boolean refuseInvalid(ChatRequest request) {
        int length = request.text().length();
        if (length > services.maxMessageChars()) {
            conversation.error(request.id(), ErrorCode.MESSAGE_TOO_LONG, "Your message has " + length
                    + " characters; the limit is " + services.maxMessageChars() + ". Shorten it and send it again.",
                    false);
            return true;
        }
        String optionProblem = services.replies().options().violation(request.options());
        if (optionProblem != null) {
            conversation.error(request.id(), ErrorCode.BAD_REQUEST, optionProblem, false);
            return true;
        }
        return false;
    }

    void retry(RetryRequest request) {
        if (refuseWhileReplying(request.id())) {
            return;
        }
        PendingMessage pending = services.sessions().find(sessionId()).map(Session::waiting).orElse(null);
        if (pending == null) {
            conversation.error(request.id(), ErrorCode.NOTHING_TO_RETRY, "There is no failed message to send again.",
                    false);
            return;
        }
        if (request.model() != null) {
            // The user picked another model for this message: it stays with it for later retries too.
            pending = pending.withModel(request.model());
            PendingMessage chosen = pending;
            services.sessions().update(sessionId(), s -> s.withPending(chosen));
        }
        saveThenStart(request.id(), pending.model() != null ? pending : pending.withModel(
                MessageSettings.model(services.sessions().find(sessionId()).orElse(null), null,
                        services.defaultModel())));
    }

    void cancel(CancelRequest request) {
        if (current.get() == null) {
            conversation.error(request.id(), ErrorCode.NOTHING_TO_CANCEL, "No reply is being written, so there is"
                    + " nothing to stop.", false);
            return;
        }
        stopReply();
        conversation.flush();
    }

    /** The user starts over: a reply in flight stops (kept in this conversation as stopped). */
    void stopForReset() {
        if (current.get() != null) {
            stopReply();
            conversation.flush();
        }
    }

    void listModels(String requestId) {
        conversation.send(new ModelList(requestId, services.backends().state().models(), services.defaultModel()));
        conversation.flush();
    }

    /** Refuses a chat for a reason of policy (e.g. rate limits) but keeps its text for a retry. */
    void refuse(ChatRequest request, ErrorCode code, String message) {
        if (refuseInvalid(request)) {
            return;
        }
        boolean idle = current.get() == null;
        if (idle && !saving) {
            keepPending(request);
            recorder.savePending(request.id());
        }
        conversation.error(request.id(), code, message, idle);
    }

    /** Answers {@code reply_in_progress} when a reply is in flight (or a chat's message is being saved). */
    boolean refuseWhileReplying(String requestId) {
        if (current.get() == null && !saving) {
            return false;
        }
        conversation.error(requestId, ErrorCode.REPLY_IN_PROGRESS, "A reply is still being written. Wait for it or"
                + " stop it, then send your message again.", false);
        return true;
    }

    /** Keeps the message, with the model it goes to and its options, until its reply is complete. */
    private PendingMessage keepPending(ChatRequest request) {
        return keepPending(request, new MessageAttachments.Resolved(request.text(), List.of()), null);
    }

    private PendingMessage keepPending(ChatRequest request, MessageAttachments.Resolved attached, String author) {
        Session session = services.sessions().find(sessionId()).orElse(null);
        PendingMessage message = new PendingMessage(attached.text(),
                MessageSettings.model(session, request.model(), services.defaultModel()),
                MessageSettings.options(session, request.options()), MessageSettings.think(session, request.think()),
                attached.imageInfos(), author);
        services.sessions().update(sessionId(), s -> {
            ConversationInfo info = s.info().title() == null ? s.info().titled(Titles.fromMessage(request.text()))
                    : s.info().touched();
            return s.withPending(message).withInfo(info);
        });
        return message;
    }

    private void start(String requestId, PendingMessage message) {
        Session session = services.sessions().find(sessionId()).orElse(null);
        if (session == null || message.images().isEmpty()) {
            startWith(requestId, message, List.of());
            return;
        }
        // Another chat waits while images are read back, as while the message is saved.
        // (Set first: a read-back that is already complete hands back at once, and clears it itself.)
        saving = true;
        if (!images.fetch(requestId, message, session.info().owner(), () -> saving = false,
                found -> startWith(requestId, message, found))) {
            saving = false;
        }
    }

    private void startWith(String requestId, PendingMessage message, List<Attachment> images) {
        Session session = services.sessions().find(sessionId()).orElse(null);
        speakingAs(message.author());
        startReply(requestId, message.model(), message.text(), message.options(), message.think(),
                session == null ? List.of() : session.turns(), -1, false, images);
    }

    /** The next reply answers the room member {@code name} (null: the owner): see {@link #startReply}. */
    void speakingAs(String name) {
        memberName = name;
    }

    /**
     * Starts a reply to {@code text} after {@code history}, through admission and the queue like every reply; with
     * {@code versionOf} 0 or more it becomes a new version of that message (see {@link ReplyQuestion}).
     * {@code think} null: the conversation's thinking choice applies.
     */
    void startReply(String requestId, String model, String text, Map<String, Object> options, ThinkMode think,
                    List<Turn> history, int versionOf, boolean keepsQuestion) {
        startReply(requestId, model, text, options, think, history, versionOf, keepsQuestion, List.of());
    }

    /**
     * As above, with the images the new message carries. Images go to Ollama with their own message only: earlier
     * turns are sent as text (each image costs hundreds to thousands of tokens on every later turn otherwise; the
     * model's reply about it stays in the history).
     */
    void startReply(String requestId, String model, String text, Map<String, Object> options, ThinkMode think,
                    List<Turn> history, int versionOf, boolean keepsQuestion, List<Attachment> images) {
        Admission.Refusal refusal = Admission.check(services, model);
        if (refusal != null) {
            conversation.error(requestId, refusal.code(), refusal.message(), true);
            return;
        }
        Session session = services.sessions().find(sessionId()).orElse(null);
        String system = session == null ? null : session.info().settings().system();
        String author = memberName;
        memberName = null;
        ContextWindow window = services.trimmer().window(history, Turn.user(text).withAuthor(author).spoken(), system,
                MessageSettings.contextTokens(services.backends().state().models(), model, options));
        // Only role and content: reasoning is kept for the user, never sent back to the model.
        List<OllamaMessage> messages = new java.util.ArrayList<>(window.messages().stream()
                .map(t -> new OllamaMessage(t.role().wireName(), t.spoken()))
                .toList());
        if (!images.isEmpty()) {     // the window ends with the new message
            int last = messages.size() - 1;
            messages.set(last, messages.get(last).withImages(MessageAttachments.base64(images)));
        }
        // A message restored from the store has no choice of its own: the conversation's applies then.
        Object ollamaThink = MessageSettings.ollamaThink(services.backends().state().models(), model,
                MessageSettings.think(session, think));
        OllamaChatRequest request = OllamaChatRequest.streaming(model, messages, options, ollamaThink);
        String queueKey = memberKey != null ? memberKey : client.clientKey("session:" + sessionId());
        memberKey = null;
        ReplyQuestion question = new ReplyQuestion(text, model, java.time.Instant.now(),
                images.stream().map(Attachment::info).toList(), author, versionOf, keepsQuestion);
        current.start(new Reply(conversation, requestId, question, window, request, queueKey));
    }

    /** The user stopped the reply: the history keeps what reached them, marked as cancelled. */
    private ReplyCancelled stopReply() {
        Reply stopped = current.cancel();
        ReplyCancelled cancelled = new ReplyCancelled(stopped.requestId, stopped.deliveredText());
        conversation.send(cancelled);
        recorder.record(stopped, stopped.deliveredTurn());   // after: a new version's branch follows it
        conversation.loop().execute(conversation::nextInRoom);
        return cancelled;
    }

    private String sessionId() {
        return conversation.sessionId();
    }
}
