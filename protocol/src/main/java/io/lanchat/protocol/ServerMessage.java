package io.lanchat.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** A frame sent by the server to a client. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Hello.class, name = "hello"),
    @JsonSubTypes.Type(value = ReplyStarted.class, name = "started"),
    @JsonSubTypes.Type(value = TokenDelta.class, name = "token"),
    @JsonSubTypes.Type(value = ThinkingDelta.class, name = "thinking"),
    @JsonSubTypes.Type(value = ReplyDone.class, name = "done"),
    @JsonSubTypes.Type(value = ReplyCancelled.class, name = "cancelled"),
    @JsonSubTypes.Type(value = ErrorMessage.class, name = "error"),
    @JsonSubTypes.Type(value = AvailabilityChanged.class, name = "availability"),
    @JsonSubTypes.Type(value = ModelsChanged.class, name = "models_changed"),
    @JsonSubTypes.Type(value = ModelList.class, name = "models"),
    @JsonSubTypes.Type(value = HistoryCleared.class, name = "cleared"),
    @JsonSubTypes.Type(value = Pong.class, name = "pong"),
    @JsonSubTypes.Type(value = Resumed.class, name = "resumed"),
    @JsonSubTypes.Type(value = ReplyPhase.class, name = "phase"),
    @JsonSubTypes.Type(value = PullProgress.class, name = "pull_progress"),
    @JsonSubTypes.Type(value = ConversationList.class, name = "conversations"),
    @JsonSubTypes.Type(value = ConversationOpened.class, name = "opened"),
    @JsonSubTypes.Type(value = ConversationUpdated.class, name = "conversation"),
    @JsonSubTypes.Type(value = ConversationDeleted.class, name = "deleted"),
    @JsonSubTypes.Type(value = ConversationExport.class, name = "exported"),
    @JsonSubTypes.Type(value = BranchShown.class, name = "branch"),
    @JsonSubTypes.Type(value = ShareCreated.class, name = "shared"),
    @JsonSubTypes.Type(value = ShareList.class, name = "shares"),
    @JsonSubTypes.Type(value = SharedView.class, name = "share_view"),
    @JsonSubTypes.Type(value = SharedMessage.class, name = "share_message"),
    @JsonSubTypes.Type(value = RoomOpened.class, name = "room_opened"),
    @JsonSubTypes.Type(value = RoomState.class, name = "room_state"),
    @JsonSubTypes.Type(value = RoomPresence.class, name = "room_presence"),
    @JsonSubTypes.Type(value = RoomTyping.class, name = "room_typing"),
    @JsonSubTypes.Type(value = RoomOwnerPresence.class, name = "room_owner"),
    @JsonSubTypes.Type(value = RoomMembersNow.class, name = "room_members")})
public sealed interface ServerMessage
        permits Hello, ReplyStarted, TokenDelta, ThinkingDelta, ReplyDone, ReplyCancelled, ErrorMessage,
                AvailabilityChanged, ModelsChanged, ModelList, HistoryCleared, Pong, Resumed, ReplyPhase,
                PullProgress, ConversationList, ConversationOpened, ConversationUpdated, ConversationDeleted,
                ConversationExport, BranchShown, ShareCreated, ShareList, SharedView, SharedMessage,
                RoomOpened, RoomState, RoomPresence, RoomTyping, RoomOwnerPresence, RoomMembersNow {
}
