-- --retention deletes conversations untouched since a cutoff, across every owner: without this index that is a
-- scan of the whole table (the owner index cannot serve it) on every retention pass.
CREATE INDEX conversations_updated ON conversations (updated_at);
