package io.lanchat.server.library;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lanchat.server.session.SessionRecords;
import io.lanchat.server.store.ConversationRecord;
import io.lanchat.server.store.MessageState;
import io.lanchat.server.store.StoredMessage;
import io.lanchat.server.store.StoredVersion;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes a stored conversation as Markdown (to read) or JSON (to import again). */
final class ExportFormats {
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private ExportFormats() {
    }

    /** The JSON export: the branch shown, each message with the other versions it has (their branches whole). */
    static String json(ConversationRecord record, List<StoredMessage> messages, List<StoredVersion> versions) {
        List<ExportDocument.Message> out = exported(messages, versions);
        ExportDocument document = new ExportDocument(ExportDocument.FORMAT, ExportDocument.VERSION, record.title(),
                record.createdAt().toString(), record.updatedAt().toString(),
                SessionRecords.settings(record), out);
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an export document always serializes", e);
        }
    }

    private static List<ExportDocument.Message> exported(List<StoredMessage> messages, List<StoredVersion> versions) {
        List<ExportDocument.Message> out = new ArrayList<>(messages.size());
        for (StoredMessage m : messages) {
            out.add(new ExportDocument.Message(m.role(), m.content(), m.state().name().toLowerCase(Locale.ROOT),
                    m.model(), m.createdAt().toString(), m.stats(), m.thinking(), versions(m.seq(), versions),
                    m.attachments(), m.author()));
        }
        return out;
    }

    private static ExportDocument.Versions versions(int seq, List<StoredVersion> versions) {
        int index = 0;
        List<ExportDocument.Branch> others = new ArrayList<>();
        for (StoredVersion v : versions) {
            if (v.seq() != seq) {
                continue;
            }
            if (v.shown()) {
                index = v.version();
            } else {
                others.add(new ExportDocument.Branch(v.version(),
                        exported(v.branch().messages(), v.branch().versions())));
            }
        }
        return index == 0 || others.isEmpty() ? null : new ExportDocument.Versions(index, others.size() + 1, others);
    }

    /** The Markdown export: the branch shown. */
    static String markdown(ConversationRecord record, List<StoredMessage> messages) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(record.title()).append("\n\n");
        md.append("_Created ").append(SHOWN.format(record.createdAt())).append(", last changed ")
                .append(SHOWN.format(record.updatedAt()));
        if (record.model() != null) {
            md.append(", model ").append(record.model());
        }
        md.append("._\n\n");
        if (record.system() != null) {
            md.append("> **System prompt:** ").append(record.system().replace("\n", "\n> ")).append("\n\n");
        }
        for (StoredMessage m : messages) {
            boolean user = "user".equals(m.role());
            md.append("## ").append(!user ? "Assistant" : m.author() != null ? m.author() : "You");
            if (!user && m.model() != null) {
                md.append(" (").append(m.model()).append(')');
            }
            md.append(" · ").append(SHOWN.format(m.createdAt())).append("\n\n");
            if (m.thinking() != null) {
                // Folded, as chat clients show it: read on demand, apart from the answer.
                md.append("<details>\n<summary>Thinking</summary>\n\n").append(m.thinking())
                        .append("\n\n</details>\n\n");
            }
            md.append(m.content()).append("\n\n");
            for (io.lanchat.protocol.AttachmentInfo a : m.attachments()) {
                md.append("_(image: ").append(a.name()).append(", ").append(a.width()).append(" x ")
                        .append(a.height()).append(")_\n\n");
            }
            if (m.state() == MessageState.CANCELLED) {
                md.append("_(stopped)_\n\n");
            } else if (m.state() == MessageState.INTERRUPTED) {
                md.append("_(cut off: the server stopped while writing this)_\n\n");
            } else if (m.state() == MessageState.PENDING) {
                md.append("_(not answered)_\n\n");
            }
        }
        return md.toString();
    }

    /** A file name from the title: letters, digits and dashes, at most 60 characters, then the extension. */
    static String filename(String title, String format) {
        String base = title.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "-").replaceAll("^-+|-+$", "");
        if (base.length() > 60) {
            base = base.substring(0, 60).replaceAll("-+$", "");
        }
        return (base.isEmpty() ? "conversation" : base) + ("json".equals(format) ? ".json" : ".md");
    }
}
