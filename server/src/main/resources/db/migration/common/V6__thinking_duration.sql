-- How long a thinking model thought before its reply (done.timing.thinkingMs), so a reopened conversation can still
-- say "Thought for N s". Nullable: replies written before this migration, and replies without reasoning, have none.
ALTER TABLE messages ADD COLUMN thinking_ms BIGINT;
