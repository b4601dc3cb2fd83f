-- Read-only share links. Only a hash of a link's token is kept (SHA-256, hex): a copy of the database does not open
-- any link. id is the first 16 hex digits of that hash, the link's public name (listing, revoking). A snapshot keeps
-- the messages as they were when shared (JSON, the wire's history messages); a live link keeps none. Deleting the
-- conversation deletes its links. Depends only on V1.
CREATE TABLE share_links (
    id              TEXT         NOT NULL PRIMARY KEY,
    token_hash      TEXT         NOT NULL UNIQUE,
    conversation_id TEXT         NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    owner           TEXT         NOT NULL,
    live            INTEGER      NOT NULL,
    title           TEXT         NOT NULL,
    snapshot        TEXT,
    created_at      BIGINT       NOT NULL
);
CREATE INDEX share_links_conversation ON share_links (conversation_id, created_at DESC);
