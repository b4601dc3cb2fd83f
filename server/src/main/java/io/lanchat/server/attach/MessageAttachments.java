package io.lanchat.server.attach;

import io.lanchat.protocol.AttachmentInfo;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ModelInfo;
import io.lanchat.server.ollama.ModelNames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * What a chat message's {@code attachments} become. Text files join the message's text, each as a fenced block
 * headed by its file name, so they count against the message and session budgets like typed text and stay in the
 * conversation for later turns. Images go to Ollama base64-encoded in the message's {@code images}, only to a
 * model with the {@code vision} capability.
 *
 * <p>Runs on the conversation's event loop: only in-memory lookups.
 */
public final class MessageAttachments {
    /** The message as it goes on: its text with the text files in it, and its images. */
    public record Resolved(String text, List<Attachment> images) {
        public List<AttachmentInfo> imageInfos() {
            return images.stream().map(Attachment::info).toList();
        }
    }

    /** Why the message is refused: the error code and a sentence for the user (the message's text is kept). */
    public static final class Problem extends Exception {
        private final ErrorCode code;

        Problem(ErrorCode code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        public ErrorCode code() {
            return code;
        }
    }

    private final AttachmentStore store;
    private final int maxImages;

    public MessageAttachments(Attachments attachments) {
        this.store = attachments.store();
        this.maxImages = attachments.settings().maxImagesPerMessage();
    }

    /**
     * @param owner  the conversation's owner: only their uploads may be named
     * @param model  the model the message goes to
     * @param models the installed models, with their capabilities
     */
    public Resolved resolve(String owner, String text, List<String> ids, String model, List<ModelInfo> models,
                            int maxMessageChars) throws Problem {
        return resolve(owner, null, text, ids, model, models, maxMessageChars);
    }

    /** As above, for a message of {@code conversation}: its images are forgotten with it. */
    public Resolved resolve(String owner, String conversation, String text, List<String> ids, String model,
                            List<ModelInfo> models, int maxMessageChars) throws Problem {
        if (ids.isEmpty()) {
            return new Resolved(text, List.of());
        }
        List<Attachment> found;
        try {
            found = store.claim(owner, ids, conversation);
        } catch (AttachmentRefused e) {
            throw new Problem(ErrorCode.ATTACHMENT_NOT_FOUND, e.getMessage());
        }
        List<Attachment> images = found.stream().filter(a -> a.kind() == AttachmentKind.IMAGE).toList();
        if (images.size() > maxImages) {
            throw new Problem(ErrorCode.BAD_REQUEST, "Your message carries " + images.size() + " images; this"
                    + " server takes at most " + maxImages + " per message (--max-images-per-message).");
        }
        // A model not listed (Ollama down, or not installed) is left to the usual checks and their errors.
        if (!images.isEmpty() && listed(model, models) && !hasVision(model, models)) {
            throw new Problem(ErrorCode.VISION_NOT_SUPPORTED, noVision(model, models));
        }
        StringBuilder joined = new StringBuilder(text);
        for (Attachment a : found) {
            if (a.kind() == AttachmentKind.TEXT) {
                appendFile(joined, a.name(), new String(a.data(), StandardCharsets.UTF_8));
            }
        }
        if (joined.length() > maxMessageChars) {
            throw new Problem(ErrorCode.MESSAGE_TOO_LONG, "Your message with its attached files has "
                    + joined.length() + " characters; the limit is " + maxMessageChars + ". Attach a shorter file"
                    + " or only the part that matters.");
        }
        return new Resolved(joined.toString(), images);
    }

    /** The images as Ollama's {@code images} takes them. */
    public static List<String> base64(List<Attachment> images) {
        List<String> out = new ArrayList<>(images.size());
        for (Attachment a : images) {
            out.add(Base64.getEncoder().encodeToString(a.data()));
        }
        return out;
    }

    /** A fenced block headed by the file name; the fence is longer than any run of backticks in the file. */
    static void appendFile(StringBuilder message, String name, String content) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < content.length(); i++) {
            run = content.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        message.append("\n\n").append(name).append(":\n").append(fence).append('\n').append(content);
        if (!content.endsWith("\n")) {
            message.append('\n');
        }
        message.append(fence);
    }

    private static boolean listed(String model, List<ModelInfo> models) {
        return models.stream().anyMatch(m -> ModelNames.same(m.name(), model));
    }

    static boolean hasVision(String model, List<ModelInfo> models) {
        return models.stream().anyMatch(m -> ModelNames.same(m.name(), model) && m.capabilities() != null
                && m.capabilities().contains("vision"));
    }

    private static String noVision(String model, List<ModelInfo> models) {
        List<String> seeing = models.stream().filter(m -> m.capabilities() != null
                && m.capabilities().contains("vision")).map(ModelInfo::name).toList();
        return model + " cannot see images. " + (seeing.isEmpty()
                ? "No installed model can; an admin can pull one (e.g. gemma3 or qwen2.5vl)."
                : "Models here that can: " + String.join(", ", seeing) + ". Pick one and send again.");
    }
}
