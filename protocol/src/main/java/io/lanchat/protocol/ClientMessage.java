package io.lanchat.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A frame sent by a client to the server. Every request may carry a client-chosen {@code id}
 * that the server echoes in every frame answering it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ChatRequest.class, name = "chat"),
    @JsonSubTypes.Type(value = CancelRequest.class, name = "cancel"),
    @JsonSubTypes.Type(value = RetryRequest.class, name = "retry"),
    @JsonSubTypes.Type(value = ResetRequest.class, name = "reset"),
    @JsonSubTypes.Type(value = ListModelsRequest.class, name = "models"),
    @JsonSubTypes.Type(value = PingRequest.class, name = "ping"),
    @JsonSubTypes.Type(value = ResumeRequest.class, name = "resume"),
    @JsonSubTypes.Type(value = PullRequest.class, name = "pull"),
    @JsonSubTypes.Type(value = ListConversationsRequest.class, name = "conversations"),
    @JsonSubTypes.Type(value = SearchConversationsRequest.class, name = "search"),
    @JsonSubTypes.Type(value = CreateConversationRequest.class, name = "create"),
    @JsonSubTypes.Type(value = OpenConversationRequest.class, name = "open"),
    @JsonSubTypes.Type(value = RenameConversationRequest.class, name = "rename"),
    @JsonSubTypes.Type(value = UpdateSettingsRequest.class, name = "settings"),
    @JsonSubTypes.Type(value = DeleteConversationRequest.class, name = "delete"),
    @JsonSubTypes.Type(value = ExportConversationRequest.class, name = "export"),
    @JsonSubTypes.Type(value = ImportConversationRequest.class, name = "import"),
    @JsonSubTypes.Type(value = RegenerateRequest.class, name = "regenerate"),
    @JsonSubTypes.Type(value = EditRequest.class, name = "edit"),
    @JsonSubTypes.Type(value = SwitchVersionRequest.class, name = "switch_version"),
    @JsonSubTypes.Type(value = ShareRequest.class, name = "share"),
    @JsonSubTypes.Type(value = ListSharesRequest.class, name = "list_shares"),
    @JsonSubTypes.Type(value = RevokeShareRequest.class, name = "revoke_share"),
    @JsonSubTypes.Type(value = OpenRoomRequest.class, name = "open_room"),
    @JsonSubTypes.Type(value = TypingRequest.class, name = "typing")})
public sealed interface ClientMessage
        permits ChatRequest, CancelRequest, RetryRequest, ResetRequest, ListModelsRequest, PingRequest, ResumeRequest,
                PullRequest, ListConversationsRequest, SearchConversationsRequest, CreateConversationRequest,
                OpenConversationRequest, RenameConversationRequest, UpdateSettingsRequest, DeleteConversationRequest,
                ExportConversationRequest, ImportConversationRequest, RegenerateRequest, EditRequest,
                SwitchVersionRequest, ShareRequest, ListSharesRequest, RevokeShareRequest,
                OpenRoomRequest, TypingRequest {

    /** The client-chosen request id, or {@code null}. */
    String id();
}
