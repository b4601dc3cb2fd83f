package io.lanchat.client;

import java.util.List;

/** What {@code /help} prints in the interactive chat. */
final class HelpText {
    static final List<String> LINES = List.of(
            "Type a message and press Enter to send it. Commands:",
            "  /models       list the models installed in Ollama",
            "  /model NAME   use this model from now on (/model alone shows the one in use)",
            "  /think MODE   thinking models: on, off, low, medium, high or max (/think default: the model's own)",
            "  /image FILE   attach an image (PNG, JPEG, WebP, GIF, BMP) to your next message (vision models)",
            "  /attach FILE  attach a text file (its text goes to the model with its name) to your next message",
            "  /chats        list your conversations, newest first (/chats more: the next ones)",
            "  /search WORDS find your conversations that contain these words",
            "  /open N       open conversation N of the last list (or /open ID); the one you leave is kept",
            "  /new          start a new conversation (/reset does the same)",
            "  /rename TITLE give this conversation a title",
            "  /delete [N]   delete conversation N, or this one; asks first (/delete N yes does not)",
            "  /export FILE  save this conversation: FILE.md as Markdown, FILE.json to import again",
            "  /import FILE  store a JSON export as a new conversation of yours",
            "  /key          show your owner key, to take your chats to another device (keep it secret)",
            "  /retry        send your last message again after an error",
            "  /history      show this conversation's messages, numbered, with their versions (‹2/3›)",
            "  /regenerate [MODEL]  write the last reply again; the old one is kept as a version",
            "  /edit N TEXT  send TEXT as a new version of your message N, with a new reply",
            "  /version N K  show version K of message N; the conversation below it follows",
            "  /share [live] share this conversation as a read-only link: a snapshot, or live (new messages too)",
            "  /shares       list this conversation's active links;  /unshare ID  revokes one (its viewers leave)",
            "  /room [MIN]   open this conversation as a room: people join its invite with --join LINK --name NAME",
            "  /room [MIN] --mentioned  the same, the model answering only messages that mention @model",
            "  /pull NAME    download a model into the server's Ollama (administrators only)",
            "  /help         show this help",
            "  /quit         leave (Ctrl-D works too)",
            "Start a message with // to send a text that begins with /.",
            "Ctrl-C stops a reply that is being written; at the prompt it quits.");

    private HelpText() {
    }
}
