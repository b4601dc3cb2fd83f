-- Conversations and their messages. Portable SQL (SQLite and PostgreSQL); TEXT without a length, so both accept
-- the same values; times are epoch milliseconds; options and stats are JSON text.
-- One statement per ';' at a line's end (the runner splits there).
CREATE TABLE conversations (
    id            TEXT         NOT NULL PRIMARY KEY,
    owner         TEXT         NOT NULL,
    title         TEXT         NOT NULL,
    model         TEXT,
    system_prompt TEXT,
    options       TEXT         NOT NULL,
    created_at    BIGINT       NOT NULL,
    updated_at    BIGINT       NOT NULL,
    message_count INTEGER      NOT NULL
);

-- An owner's list, newest first, paged by (updated_at, id).
CREATE INDEX conversations_owner_updated ON conversations (owner, updated_at DESC, id DESC);

CREATE TABLE messages (
    conversation_id TEXT         NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    seq             INTEGER      NOT NULL,
    role            TEXT         NOT NULL,
    content         TEXT         NOT NULL,
    state           TEXT         NOT NULL,
    model           TEXT,
    stats           TEXT,
    created_at      BIGINT       NOT NULL,
    PRIMARY KEY (conversation_id, seq)
);
