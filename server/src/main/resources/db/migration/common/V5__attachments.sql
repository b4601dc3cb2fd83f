-- Attachments: the images a user message carried, listed on the message as JSON ({id, kind, name, width, height,
-- bytes} each; NULL for none), and their bytes as sent to the model (scaled down, re-encoded), one row each, going
-- with their conversation. BYTEA is PostgreSQL's binary type; SQLite stores the bytes as a BLOB whatever the
-- declared name. Depends only on V1.
ALTER TABLE messages ADD COLUMN attachments TEXT;
CREATE TABLE attachments (
    id              TEXT         NOT NULL PRIMARY KEY,
    conversation_id TEXT         NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    owner           TEXT         NOT NULL,
    kind            TEXT         NOT NULL,
    name            TEXT         NOT NULL,
    media_type      TEXT         NOT NULL,
    width           INTEGER      NOT NULL,
    height          INTEGER      NOT NULL,
    data            BYTEA        NOT NULL,
    created_at      BIGINT       NOT NULL
);
CREATE INDEX attachments_by_conversation ON attachments (conversation_id);
