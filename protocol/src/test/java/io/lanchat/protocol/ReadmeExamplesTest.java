package io.lanchat.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code protocol/README.md} is what third-party client authors read; these tests keep its examples true to the
 * code: every golden file is shown, every JSON example and every frame of the example session is a frame the
 * code reads and writes exactly like that, and every message type and error code is documented.
 */
final class ReadmeExamplesTest {

    private static final Path README = Path.of("README.md");
    private static final Pattern FENCE = Pattern.compile("^```(\\w*)\\s*$");
    private static final Set<String> BAD_INPUT_CODES = Set.of("bad_request", "unknown_type");
    /** The {@code format} of a JSON export document: shown in the README, but not a frame. */
    private static final String EXPORT_FORMAT = "lanchat-conversation";

    private static final ObjectMapper TREES = new ObjectMapper();
    /** Like the client's reader, but failing on anything it does not know, so a typo in an example is caught. */
    private static final ObjectReader STRICT_SERVER_READER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build()
            .readerFor(ServerMessage.class);

    @Test
    void showsEveryGoldenFileAsAnExample() throws Exception {
        List<JsonNode> examples = new ArrayList<>();
        for (String block : codeBlocks("json")) {
            examples.add(TREES.readTree(block));
        }

        List<String> missing = new ArrayList<>();
        for (String fileName : GoldenFiles.fileNames()) {
            if (!examples.contains(TREES.readTree(GoldenFiles.read(fileName)))) {
                missing.add(fileName);
            }
        }

        assertThat(missing).as("golden files not shown in README.md").isEmpty();
    }

    @Test
    void everyJsonExampleIsAFrameThatRoundTrips() throws Exception {
        List<String> blocks = codeBlocks("json");

        List<String> problems = new ArrayList<>();
        for (String block : blocks) {
            if (isExportDocument(block)) {
                continue;                        // checked against the golden export below
            }
            String clientProblem = clientFrameProblem(block);
            String serverProblem = serverFrameProblem(block);
            if (clientProblem != null && serverProblem != null) {
                problems.add(block + "\n  as a client frame: " + clientProblem + "\n  as a server frame: " + serverProblem);
            }
        }

        assertThat(blocks).isNotEmpty();
        assertThat(problems).as("invalid JSON examples in README.md").isEmpty();
    }

    @Test
    void showsTheJsonExportDocumentThatTheGoldenExportCarries() throws Exception {
        List<JsonNode> documents = new ArrayList<>();
        for (String block : codeBlocks("json")) {
            if (isExportDocument(block)) {
                documents.add(TREES.readTree(block));
            }
        }
        ConversationExport exported = (ConversationExport) ProtocolJson.readServer(
                GoldenFiles.read("server-exported.json"));
        ImportConversationRequest imported = (ImportConversationRequest) ProtocolJson.readClient(
                GoldenFiles.read("client-import.json"));

        assertThat(exported.format()).isEqualTo("json");
        assertThat(documents).as("export documents in README.md").hasSize(1);
        assertThat(documents.get(0)).isEqualTo(TREES.readTree(exported.content()));
        assertThat(TREES.readTree(imported.content())).isEqualTo(documents.get(0));
    }

    @Test
    void everyServerFrameOfTheExampleSessionIsValid() throws Exception {
        List<String> frames = sessionFrames("< ");

        List<String> problems = new ArrayList<>();
        for (String frame : frames) {
            String problem = serverFrameProblem(frame);
            if (problem != null) {
                problems.add(frame + "\n  " + problem);
            }
        }

        assertThat(frames).isNotEmpty();
        assertThat(problems).isEmpty();
    }

    @Test
    void everyClientFrameOfTheExampleSessionIsValidUnlessTheServerAnswersBadInput() throws Exception {
        List<String> lines = sessionFrames("");

        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith("> ")) {
                continue;
            }
            String frame = lines.get(i).substring(2);
            String problem = clientFrameProblem(frame);
            boolean answeredAsBadInput = i + 1 < lines.size() && lines.get(i + 1).startsWith("< ")
                    && isBadInputError(lines.get(i + 1).substring(2));
            if (problem != null && !answeredAsBadInput) {
                problems.add(frame + "\n  " + problem);
            }
            if (problem == null && answeredAsBadInput) {
                problems.add(frame + "\n  is valid but the example answers it as bad input");
            }
        }

        assertThat(problems).isEmpty();
    }

    @Test
    void exampleSessionFollowsTheFrameOrder() throws Exception {
        List<ServerMessage> frames = new ArrayList<>();
        for (String frame : sessionFrames("< ")) {
            frames.add(ProtocolJson.readServer(frame));
        }

        Map<String, Long> nextSeq = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (ServerMessage frame : frames) {
            if (frame instanceof ReplyStarted started && nextSeq.put(started.id(), 0L) != null) {
                problems.add("second started for " + started.id());
            } else if (frame instanceof TokenDelta token) {
                Long expected = nextSeq.get(token.id());
                if (expected == null || expected != token.seq()) {
                    problems.add("token " + token.id() + " seq " + token.seq() + ", expected " + expected);
                } else {
                    nextSeq.put(token.id(), expected + 1);
                }
            } else if (frame instanceof ErrorMessage error && error.code() == ErrorCode.NOT_SAVED) {
                continue;                        // the one error that ends nothing
            } else if (frame instanceof ReplyDone || frame instanceof ReplyCancelled
                    || frame instanceof ErrorMessage) {
                nextSeq.remove(idOf(frame));
            } else if (replyInProgress(frame) != null) {
                ReplyInProgress reply = replyInProgress(frame);
                Long expected = nextSeq.get(reply.id());
                if (reply.nextSeq() != 0 && !Long.valueOf(reply.nextSeq()).equals(expected)) {
                    problems.add("resumed or opened " + reply.id() + " at seq " + reply.nextSeq() + ", expected 0 or " + expected);
                } else {
                    nextSeq.put(reply.id(), reply.nextSeq());
                }
            }
        }

        assertThat(frames.get(0)).isInstanceOf(Hello.class);
        assertThat(problems).isEmpty();
        assertThat(nextSeq).as("replies that never ended").isEmpty();
    }

    @Test
    void exampleSessionResumesOnlyWithTheIdAndSecretOfAnEarlierHelloClearedOrOpened() throws Exception {
        List<String> lines = sessionFrames("");

        Map<String, String> secrets = new HashMap<>();
        String current = null;
        int resumes = 0;
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            ServerMessage fromServer = line.startsWith("< ") ? ProtocolJson.readServer(line.substring(2)) : null;
            if (fromServer instanceof Hello hello) {
                secrets.put(hello.sessionId(), hello.resumeSecret());
                current = hello.sessionId();
            } else if (fromServer instanceof HistoryCleared cleared && cleared.sessionId() != null) {
                secrets.put(cleared.sessionId(), cleared.resumeSecret());
                current = cleared.sessionId();
            } else if (fromServer instanceof ConversationOpened opened) {
                secrets.put(opened.conversation().id(), opened.resumeSecret());
                current = opened.conversation().id();
            } else if (line.startsWith("> ") && clientFrameProblem(line.substring(2)) == null
                    && ProtocolJson.readClient(line.substring(2)) instanceof ResumeRequest resume) {
                resumes++;
                ServerMessage answer = i + 1 < lines.size() && lines.get(i + 1).startsWith("< ")
                        ? ProtocolJson.readServer(lines.get(i + 1).substring(2)) : null;
                if (answer instanceof Resumed resumed) {
                    if (!resume.secret().equals(secrets.get(resume.sessionId()))
                            || resume.sessionId().equals(current)) {
                        problems.add(line + "\n  is answered by resumed but names no session and secret the server"
                                + " gave earlier (hello, cleared, opened)");
                    }
                    if (!resumed.sessionId().equals(resume.sessionId()) || !Objects.equals(resumed.id(), resume.id())) {
                        problems.add(line + "\n  is answered for another session or request");
                    }
                    current = resumed.sessionId();
                } else if (!(answer instanceof ErrorMessage error && error.code() == ErrorCode.RESUME_FAILED
                        && !error.retryable() && Objects.equals(error.id(), resume.id()))) {
                    problems.add(line + "\n  is answered by neither resumed nor resume_failed");
                }
            }
        }

        assertThat(resumes).as("resume frames in the example session").isPositive();
        assertThat(problems).isEmpty();
    }

    @Test
    void exampleSessionOpensOnlyConversationsItWasToldAbout() throws Exception {
        List<String> lines = sessionFrames("");

        Set<String> known = new java.util.HashSet<>();
        int opens = 0;
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("< ")) {
                ServerMessage frame = ProtocolJson.readServer(line.substring(2));
                if (frame instanceof Hello hello) {
                    known.add(hello.sessionId());
                } else if (frame instanceof HistoryCleared cleared && cleared.sessionId() != null) {
                    known.add(cleared.sessionId());
                } else if (frame instanceof ConversationList list) {
                    list.conversations().forEach(summary -> known.add(summary.id()));
                }
            } else if (clientFrameProblem(line.substring(2)) == null
                    && ProtocolJson.readClient(line.substring(2)) instanceof OpenConversationRequest open) {
                opens++;
                ServerMessage answer = i + 1 < lines.size() && lines.get(i + 1).startsWith("< ")
                        ? ProtocolJson.readServer(lines.get(i + 1).substring(2)) : null;
                if (!known.contains(open.conversationId())) {
                    problems.add(line + "\n  opens an id the client was never given");
                }
                if (!(answer instanceof ConversationOpened opened
                        && opened.conversation().id().equals(open.conversationId())
                        && Objects.equals(opened.id(), open.id()))) {
                    problems.add(line + "\n  is not answered by opened for that conversation");
                }
            }
        }

        assertThat(opens).as("open frames in the example session").isPositive();
        assertThat(problems).isEmpty();
    }

    @Test
    void documentsEveryMessageTypeAndErrorCode() throws IOException {
        String readme = Files.readString(README, UTF_8);

        List<String> typeHeadings = new ArrayList<>();
        for (Class<?> root : List.of(ClientMessage.class, ServerMessage.class)) {
            GoldenFiles.registeredTypes(root).forEach(type -> typeHeadings.add("### `" + type.name() + "`"));
        }
        List<String> errorRows = new ArrayList<>();
        for (ErrorCode code : ErrorCode.values()) {
            if (code != ErrorCode.UNKNOWN) {
                errorRows.add("| `" + code.wireName() + "`");
            }
        }

        assertThat(readme).contains(typeHeadings).contains(errorRows)
                .contains("ws://HOST:PORT/ws")
                .contains("\"protocolVersion\": " + ProtocolVersion.CURRENT)
                .contains("at most " + ProtocolJson.MAX_CLIENT_NESTING + " levels")
                .contains("1 to " + Ids.MAX_ID_LENGTH + " characters")
                .contains("1–" + ChatRequest.MAX_MODEL_LENGTH + " characters")
                .contains("at most " + ChatRequest.MAX_OPTIONS + " entries")
                .contains("1–" + ResumeRequest.MAX_TOKEN_LENGTH + " characters")
                .contains("| 4001 |")
                .contains("--resume-grace")
                .contains("1–" + Titles.MAX_TITLE_LENGTH + " characters (UTF-16 code units), not blank, no control")
                .contains("1–" + Titles.MAX_CONVERSATION_ID_LENGTH + " characters, no control characters")
                .contains("a whole number 1–" + Paging.MAX_LIMIT + "; default " + Paging.DEFAULT_LIMIT)
                .contains("1–" + Paging.MAX_CURSOR_LENGTH + " characters")
                .contains("1–" + SearchConversationsRequest.MAX_QUERY_LENGTH + " characters, not blank, no control")
                .contains("at most " + ConversationSettings.MAX_SYSTEM_LENGTH + " characters")
                .contains("`\"markdown\"` or `\"json\"`")
                .contains("?owner_key=KEY").contains("X-Owner-Key: KEY").contains("#owner_key=KEY")
                .contains("~/.lanchat/owner-key")
                .contains("43 characters of URL-safe Base64")
                .contains("`sqlite`", "`postgresql`", "`none`");
    }

    /** The reply whose tokens follow a resumed or opened frame, or null. */
    private static ReplyInProgress replyInProgress(ServerMessage frame) {
        if (frame instanceof Resumed resumed) {
            return resumed.reply();
        }
        if (frame instanceof ConversationOpened opened) {
            return opened.reply();
        }
        return null;
    }

    private static boolean isExportDocument(String json) throws JsonProcessingException {
        JsonNode tree = TREES.readTree(json);
        return tree.isObject() && EXPORT_FORMAT.equals(tree.path("format").asText(null));
    }

    private static boolean isBadInputError(String json) {
        try {
            return ProtocolJson.readServer(json) instanceof ErrorMessage error
                    && BAD_INPUT_CODES.contains(error.code().wireName());
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static String idOf(ServerMessage frame) {
        if (frame instanceof ReplyDone done) {
            return done.id();
        }
        if (frame instanceof ReplyCancelled cancelled) {
            return cancelled.id();
        }
        return ((ErrorMessage) frame).id();
    }

    /** Null when the text is a client frame that writes back to the same JSON, else what is wrong. */
    private static String clientFrameProblem(String json) throws JsonProcessingException {
        try {
            ClientMessage message = ProtocolJson.readClient(json);
            if (message == null) {
                return "not an object";
            }
            JsonNode written = TREES.readTree(ProtocolJson.writeClient(message));
            return written.equals(TREES.readTree(json)) ? null : "written back as " + written;
        } catch (JsonProcessingException e) {
            return e.getOriginalMessage();
        }
    }

    /** Null when the text is a server frame that writes back to the same JSON, else what is wrong. */
    private static String serverFrameProblem(String json) throws JsonProcessingException {
        try {
            ServerMessage message = STRICT_SERVER_READER.readValue(json);
            JsonNode written = TREES.readTree(ProtocolJson.writeServerText(message));
            return written.equals(TREES.readTree(json)) ? null : "written back as " + written;
        } catch (JsonProcessingException e) {
            return e.getOriginalMessage();
        }
    }

    /** The contents of every fenced block with the given info string. */
    private static List<String> codeBlocks(String language) throws IOException {
        List<String> blocks = new ArrayList<>();
        StringBuilder current = null;
        String currentLanguage = null;
        for (String line : Files.readAllLines(README, UTF_8)) {
            Matcher fence = FENCE.matcher(line);
            if (fence.matches()) {
                if (current == null) {
                    current = new StringBuilder();
                    currentLanguage = fence.group(1);
                } else {
                    if (currentLanguage.equals(language)) {
                        blocks.add(current.toString());
                    }
                    current = null;
                }
            } else if (current != null) {
                current.append(line).append('\n');
            }
        }
        assertThat(current).as("unclosed code block in README.md").isNull();
        return blocks;
    }

    /**
     * The lines of the example session ({@code > frame} from the client, {@code < frame} from the server) that
     * start with the prefix, with the prefix removed.
     */
    private static List<String> sessionFrames(String prefix) throws IOException {
        List<String> frames = new ArrayList<>();
        for (String block : codeBlocks("text")) {
            for (String line : block.split("\n")) {
                if ((line.startsWith("> {") || line.startsWith("< {")) && line.startsWith(prefix)) {
                    frames.add(line.substring(prefix.length()));
                }
            }
        }
        return frames;
    }
}
