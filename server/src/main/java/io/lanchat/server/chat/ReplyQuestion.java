package io.lanchat.server.chat;

import io.lanchat.protocol.AttachmentInfo;
import io.lanchat.protocol.HistoryMessage;
import io.lanchat.server.session.Turn;
import java.time.Instant;
import java.util.List;

/**
 * What a reply answers, as the history keeps it: the question (its text, the images it carried, the room member who
 * asked, when), and where the exchange goes: the next one, or a new version of message {@code versionOf}.
 *
 * @param text          the question's text, as its asker wrote it
 * @param model         the model asked
 * @param askedAt       when
 * @param images        the images it carried; empty for none
 * @param author        the room member who asked; null for the owner
 * @param versionOf     the message this reply makes a new version of (regenerate, edit); -1 for a chat's reply
 * @param keepsQuestion for a new version: whether its branch starts with the reply (regenerate), not the question
 */
record ReplyQuestion(String text, String model, Instant askedAt, List<AttachmentInfo> images, String author,
                     int versionOf, boolean keepsQuestion) {
    ReplyQuestion {
        images = List.copyOf(images);
    }

    /** The question as the history keeps it. */
    Turn userTurn() {
        return Turn.user(text, model, askedAt).withAttachments(images).withAuthor(author);
    }

    /** The turns this reply's branch starts with, from message {@link #versionOf()} on. */
    List<Turn> versionTail(Turn reply) {
        return keepsQuestion ? List.of(reply) : List.of(userTurn(), reply);
    }

    /** The question as watchers are shown it; null when it is shown already (a regenerate answers it again). */
    HistoryMessage shown() {
        if (keepsQuestion) {
            return null;
        }
        return author == null ? new HistoryMessage("user", text, false) : HistoryMessage.byMember(author, text);
    }
}
