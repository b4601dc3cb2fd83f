-- Versions of a message (regenerate, edit): the messages table keeps the branch shown, this table the versions of
-- its messages that have more than one. The shown version has a row without a branch (it says which number is
-- shown); a hidden one keeps its whole branch (that message and all that followed it, with their own versions) as
-- JSON, read and written only as a whole. Depends only on V1.
CREATE TABLE message_versions (
    conversation_id TEXT         NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    seq             INTEGER      NOT NULL,
    version         INTEGER      NOT NULL,
    branch          TEXT,
    created_at      BIGINT       NOT NULL,
    PRIMARY KEY (conversation_id, seq, version)
);
